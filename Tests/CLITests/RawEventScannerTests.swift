import EventStore
import Testing

@testable import JourneyCLI

@Suite("journey append reads a line in one pass exactly as through a tree")
struct RawEventScannerTests {
  @Test(
    "the one-pass reader gives the tree reader's event, or leaves the line to it",
    arguments: [
      #"{"id":"a","type":"note","stream":"la:358","data":{"text":"hello","n":1.50},"meta":{"reported":"2022-01-01"}}"#,
      #"{"type":"note","data":{"b":2,"a":1}}"#,
      #" {"type" : "note" , "v" : 3, "valid" : "2022-01-01", "data" : { "x" : [1, {"z":0,"y":1}] } } "#,
      #"{"type":"note","valid":{"to":"2022-01-31","from":"2022-01-01"},"data":{}}"#,
      #"{"type":"note","valid":{"from":"2022-01-01","to":"2022-01-31","x":1},"data":{}}"#,
      #"{"type":"note","valid":null,"data":{},"meta":{"q":"\u00e9\n"}}"#,
      #"{"id":7,"type":"note","data":{}}"#, #"{"type":"note","v":1.0,"data":{}}"#, #"{"type":"note","v":0,"data":{}}"#,
      #"{"type":"","data":{}}"#, #"{"type":"note"}"#, #"{"type":"note","data":[]}"#,
      #"{"type":"note","data":{},"x":1}"#,
      #"{"type":"note","type":"other","data":{}}"#, #"{"\u0074ype":"note","data":{}}"#, #"{"type":"note","data":{}} x"#,
      #"{"type":"n\"ote","stream":"s\\t","data":{"a":"\ud83d\ude00"}}"#, #"[1]"#,
      #"{"type":"note","data":{"a":1,"a":2}}"#,
    ])
  func agreesWithTheTreeReader(_ line: String) {
    let bytes = Array(line.utf8)
    let fast = bytes.withUnsafeBufferPointer { RawEventScanner.event($0) }
    let slow = try? RawEventLines.event(bytes, line: 1, source: "test")
    if let fast { #expect(fast == slow.map(CanonicalEvent.init)) }
    if slow == nil { #expect(fast == nil) }
  }

  @Test("a line without an id gets the id the tree reader derives")
  func derivedID() throws {
    let line = Array(#"{"type":"note","stream":"s","valid":"2022-01-01","data":{"b":1,"a":"x"},"meta":{"r":1}}"#.utf8)
    let fast = try #require(line.withUnsafeBufferPointer { RawEventScanner.event($0) })
    #expect(fast.id == (try RawEventLines.event(line, line: 1, source: "test")).id)
    #expect(fast.id.hasPrefix("note-"))
  }
}
