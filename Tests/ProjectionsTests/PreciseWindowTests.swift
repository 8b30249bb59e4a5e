import EventStore
import ProjectionTestKit
import Projections
import Testing

/// Claims about Trafford's March 2019 inspection: Ofsted's exact fieldwork dates and a council
/// paper's "March 2019", each known from a different date.
private enum Inspection {
  static func claim(
    _ id: String, reported: String, window: (String, String), type: String = "short", restates: String? = nil,
    publicationBasis: Bool = false
  ) -> NewEvent {
    var data: [String: JSON] = [
      "inspection_type": .string(type), "fieldwork_start": .string(window.0), "fieldwork_end": .string(window.1),
      "judgements": ["overall_effectiveness": "Inadequate"],
    ]
    data["restates"] = restates.map(JSON.string)
    if publicationBasis { data["period_basis"] = "publication" }
    return ProjectionTestKit.event(id, "ilacs_inspection", valid: window, reported: reported, data: .object(data))
  }

  static let exact = ("2019-03-04", "2019-03-08")
  static let month = ("2019-03-01", "2019-03-31")

  static func shown(_ events: [NewEvent], knownAt: String? = nil) throws -> Fact? {
    try ProjectionTestKit.given(events).when(knownAt: knownAt).then(Evidence()).facts.current().first
  }
}

@Suite("A vaguer later claim never loses exact fieldwork dates")
struct PreciseWindowTests {
  @Test("Ofsted's exact dates known first survive a later 'March 2019'; the later claim's other fields still apply")
  func exactThenVague() throws {
    let events = [
      Inspection.claim("ofsted-row", reported: "2019-05-08", window: Inspection.exact),
      Inspection.claim(
        "council-paper", reported: "2021-07-31", window: Inspection.month, type: "standard", restates: "ofsted-row"),
    ]
    let fact = try #require(try Inspection.shown(events))
    #expect(fact.data["fieldwork_start"] == "2019-03-04" && fact.data["fieldwork_end"] == "2019-03-08")
    #expect(fact.valid == ValidTime(from: "2019-03-04", to: "2019-03-08"))
    #expect(fact.data["inspection_type"] == "standard")
    #expect(fact.claims.map(\.id) == ["ofsted-row", "council-paper"])
  }

  @Test("a vaguer later claim that states nothing new corroborates: the exact claim stays cited")
  func vagueCorroborates() throws {
    let events = [
      Inspection.claim("ofsted-row", reported: "2019-05-08", window: Inspection.exact),
      Inspection.claim("council-paper", reported: "2021-07-31", window: Inspection.month, restates: "ofsted-row"),
    ]
    let fact = try #require(try Inspection.shown(events))
    #expect(fact.reported == "2019-05-08")
    #expect(fact.data["fieldwork_start"] == "2019-03-04")
    #expect(fact.claims.allSatisfy { $0.replaced == nil })
  }

  @Test("Ofsted's exact dates known later replace the earlier 'March 2019'")
  func vagueThenExact() throws {
    let events = [
      Inspection.claim("council-paper", reported: "2021-07-31", window: Inspection.month),
      Inspection.claim("ofsted-row", reported: "2026-08-21", window: Inspection.exact, restates: "council-paper"),
    ]
    let before = try #require(try Inspection.shown(events, knownAt: "2022-01-01"))
    #expect(before.data["fieldwork_start"] == "2019-03-01")
    let fact = try #require(try Inspection.shown(events))
    #expect(fact.data["fieldwork_start"] == "2019-03-04" && fact.data["fieldwork_end"] == "2019-03-08")
    #expect(fact.valid == ValidTime(from: "2019-03-04", to: "2019-03-08"))
    #expect(fact.id == "council-paper")
  }

  @Test("a later window that does not contain the current one is a revision, not a vaguer statement")
  func differentWindowReplaces() throws {
    let events = [
      Inspection.claim("ofsted-row", reported: "2019-05-08", window: Inspection.exact),
      Inspection.claim(
        "corrected-row", reported: "2020-01-01", window: ("2019-03-11", "2019-03-15"), restates: "ofsted-row"),
    ]
    let fact = try #require(try Inspection.shown(events))
    #expect(fact.data["fieldwork_start"] == "2019-03-11")
    #expect(fact.valid == ValidTime(from: "2019-03-11", to: "2019-03-15"))
  }

  @Test("a later claim whose dates stand in for its publication keeps the fieldwork dates held")
  func publicationBasisKeepsFieldwork() throws {
    let events = [
      Inspection.claim("ofsted-row", reported: "2019-05-08", window: Inspection.exact),
      Inspection.claim(
        "data-row", reported: "2020-01-01", window: ("2019-05-08", "2019-05-08"), restates: "ofsted-row",
        publicationBasis: true),
    ]
    let fact = try #require(try Inspection.shown(events))
    #expect(fact.data["fieldwork_start"] == "2019-03-04")
    #expect(fact.data["period_basis"] == nil)
    #expect(FactSet.merge(events[0].data, with: events[1].data)["fieldwork_end"] == "2019-03-08")
  }
}
