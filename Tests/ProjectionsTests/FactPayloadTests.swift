import EventStore
import Testing

@testable import Projections

/// A payload kept as its stored text answers as its decoded tree does.
@Suite("Fact payloads kept as text: fields read by scanning match the decoded tree")
struct FactPayloadTests {
  static let texts = [
    #"{"metric":"school_absence","restates":"a-1","value":8.8}"#,
    #"{"notes":"it \"restates\": nothing","value":1}"#,
    #"{"nested":{"restates":"inner"},"value":2}"#,
    #"{"list":["restates",{"restates":"x"}],"period":"2023/24"}"#,
    #"{ "restates" : "spaced" , "metric" : "re_referrals" }"#,
    #"{"restates":"esc\u00e9aped","metric":"a\"b"}"#,
    #"{"restates":null,"metric":3,"value":"restates"}"#,
    #"{"re\u0073tates":"escaped key"}"#,
    #"{}"#,
    #"{"period":"2023/24","value":1}"#,
    #"{"value":"restate","x":"restat"}"#,
    #"{"a":"x","restates":"at the end"}"#,
    #"{"r":"rrrestates","restates":"after a near miss"}"#,
  ]

  @Test("restates and top-level strings read from the text equal those of the tree", arguments: texts)
  func scanMatchesTree(text: String) throws {
    let payload = FactPayload.text(Array(text.utf8))
    let tree = try JSONParser.parse(text)
    #expect(payload.restates == tree["restates"]?.stringValue)
    for key in ["metric", "period", "value", "nested", "restates", "missing"] {
      #expect(payload.string(key) == tree[key]?.stringValue, "key \(key)")
    }
    #expect(payload == .tree(tree))
    #expect(payload.json == tree)
  }

  @Test("a fact keeps the text form until a fold or a caller sets a tree")
  func factKeepsText() throws {
    let text = #"{"metric":"re_referrals","value":21}"#
    var fact = Fact(
      id: "a", type: "performance_indicator", stream: "la:1", position: 1, valid: nil, reported: nil,
      payload: .text(Array(text.utf8)), metaText: "{}")
    #expect(fact.string("metric") == "re_referrals")
    #expect(fact.data == (try JSONParser.parse(text)))
    fact.data = ["metric": "other"]
    #expect(fact.string("metric") == "other")
  }
}
