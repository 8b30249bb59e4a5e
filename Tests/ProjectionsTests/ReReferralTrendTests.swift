import EventStore
import ProjectionTestKit
import Projections
import Testing

@Suite("re-referral-trend: the projection built in docs/ADDING-A-PROJECTION.md")
struct ReReferralTrendTests {
  let events = [
    ProjectionTestKit.event(
      "r2019", "performance_indicator", valid: ("2019-01-01", "2019-12-31"), reported: "2022-07-05",
      data: ["metric": "re_referrals", "value": 30, "unit": "percent", "period": "2019"]),
    ProjectionTestKit.event(
      "cp", "performance_indicator", valid: ("2021-04-01", "2022-03-31"), reported: "2022-07-05",
      data: ["metric": "child_protection_plans", "value": 180, "unit": "count", "period": "2021-22"]),
    ProjectionTestKit.event(
      "r2022", "performance_indicator", valid: ("2022-04-01", "2022-04-30"), reported: "2022-07-05",
      data: ["metric": "re_referrals", "value": 23, "unit": "percent", "period": "2022-04"]),
  ]

  @Test("given two readings and another metric, then two readings with the change")
  func readings() throws {
    let state = try ProjectionTestKit.given(events).then(ReReferralTrend())
    let readings = state.readings(stream: "la:358")
    #expect(readings.map(\.point.id) == ["r2019", "r2022"])
    #expect(readings.map(\.change) == [nil, -7])
  }

  @Test("given a range between two figures, then no single change on either side of it")
  func range() throws {
    let range = ProjectionTestKit.event(
      "r2021", "performance_indicator", valid: ("2021-04-01", "2022-03-31"), reported: "2022-07-05",
      data: [
        "metric": "re_referrals", "value": 19, "value_high": 21, "qualifier": "range", "unit": "percent",
        "period": "2021-22",
      ])
    let state = try ProjectionTestKit.given(events + [range]).then(ReReferralTrend())
    let readings = state.readings(stream: "la:358")
    #expect(readings.map(\.point.id) == ["r2019", "r2021", "r2022"])
    #expect(readings.map(\.change) == [nil, nil, nil])
  }

  @Test("when as of a date before the second period ended, then only the first reading")
  func asOf() throws {
    let state = try ProjectionTestKit.given(events).when(asOf: "2022-04-15").then(ReReferralTrend())
    #expect(state.readings(stream: "la:358", asOf: "2022-04-15").map(\.point.id) == ["r2019"])
  }

  @Test("conforms to the projection contract")
  func conforms() throws {
    #expect(
      try ProjectionTestKit.checkConformance(
        ReReferralTrend(), events: events, filters: [ReplayFilter(), ReplayFilter(asOf: "2020-01-01")]
      ).isEmpty)
  }
}
