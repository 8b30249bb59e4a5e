import EventStore
import ProjectionTestKit
import Projections
import Testing

/// Two statements of one fact that a recorded disagreement links: the rule picks the side shown.
@Suite("A disagreement between two statements of one fact: the preferred one stands, whatever was known last")
struct DisagreementWithinFactTests {
  /// Trafford's turnover for 2021-22: 16.8% (May 2022), restated as 16.6% (September 2022).
  static func figure(_ id: String, _ value: Double, reported: String, restates: String? = nil) -> NewEvent {
    var data: [String: JSON] = [
      "measure": "turnover_rate", "value": .number(value), "unit": "percent", "period": "2021-22",
      "source_kind": "local_mi",
    ]
    data["restates"] = restates.map(JSON.string)
    return ProjectionTestKit.event(
      id, "workforce_figure", valid: ("2021-04-01", "2022-03-31"), reported: reported, data: .object(data))
  }

  static let first = figure("sa", 16.8, reported: "2022-05-31")
  static let later = figure("report", 16.6, reported: "2022-09-27", restates: "sa")
  static let link = ProjectionTestKit.event(
    "sa-disagree", "sources_disagree", valid: nil, reported: "2022-10-01",
    data: [
      "events": ["sa", "report"], "topic": "turnover 2021-22", "preferred": "sa",
      "rule": "the figure that states its definition and period",
    ])

  /// The value shown for the fact, known at `knownAt`.
  func shown(_ events: [NewEvent], knownAt: String? = nil) throws -> Double? {
    try ProjectionTestKit.given(events).when(knownAt: knownAt).then(Evidence()).facts.current().first?.data["value"]?
      .numberValue
  }

  @Test(
    "once the disagreement is known, the preferred earlier statement stands, in any order of appending",
    arguments: [
      [first, later, link], [link, later, first], [later, link, first], [first, link, later],
    ])
  func preferredStands(_ events: [NewEvent]) throws {
    #expect(try shown(events) == 16.8)
  }

  @Test(
    "before the disagreement is known, the later statement stands (the knowledge-time rule)",
    arguments: [[first, later, link], [link, later, first]])
  func laterBeforeLink(_ events: [NewEvent]) throws {
    #expect(try shown(events, knownAt: "2022-09-30") == 16.6)
    #expect(try shown(events, knownAt: "2022-06-30") == 16.8)
  }

  @Test("both claims stay visible as a conflict")
  func bothKept() throws {
    let facts = try ProjectionTestKit.given([Self.first, Self.later, Self.link]).then(Evidence()).facts
    #expect(facts.knownDisagreements().map(\.id) == ["sa-disagree"])
    #expect(facts.current().count == 1)
  }
}
