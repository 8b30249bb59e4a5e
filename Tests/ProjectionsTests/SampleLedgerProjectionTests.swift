import EventStore
import Foundation
import JourneyDomain
import Projections
import Testing

/// The shipped sample ledger, replayed through the real engine.
enum Sample {
  static let ledger: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path + "/examples/ledger"
  }()

  static func replay<P: Projection>(_ p: P, asOf: String? = nil, knownAt: String? = nil) throws -> P.State {
    try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay, useCheckpoints: false)
      .run(p, filter: ReplayFilter(asOf: asOf, knownAt: knownAt)).state
  }
}

@Suite("Answers from the sample ledger")
struct SampleLedgerProjectionTests {
  let trafford = "la:358"

  @Test("Trafford's overall grade as of 2020-01-01 is Inadequate")
  func overall2020() throws {
    let state = try Sample.replay(JudgementHistory(), asOf: "2020-01-01")
    #expect(
      state.inForce(stream: trafford, on: "2020-01-01")?.inspection.judgements["overall_effectiveness"] == "Inadequate")
  }

  @Test("the day before the 2019 report's publication, the published grade is still the 2015 one")
  func dayBeforePublication() throws {
    let state = try Sample.replay(JudgementHistory(), asOf: "2019-05-07")
    let inForce = try #require(state.inForce(stream: trafford, on: "2019-05-07"))
    #expect(inForce.inspection.id == "trafford-ilacs-2015")
    #expect(inForce.inspection.judgements == ["overall_effectiveness": "Good"])
    let next = try Sample.replay(JudgementHistory(), asOf: "2019-05-08").inForce(stream: trafford, on: "2019-05-08")
    // 000 restates 001's statement of the 2019 inspection: the fact keeps the first id.
    #expect(next?.inspection.id == "trafford-ilacs-2019-fieldwork")
  }

  @Test("before and after the November 2022 inspection, for each area")
  func around2022() throws {
    let before = try Sample.replay(JudgementHistory(), asOf: "2022-11-20").inForce(stream: trafford, on: "2022-11-20")
    let ri = "Requires improvement to be good"
    #expect(
      before?.inspection.judgements == [
        "overall_effectiveness": "Inadequate", "impact_of_leaders": "Inadequate", "help_and_protection": ri,
        "children_in_care_and_care_leavers": ri,
      ])
    let after = try #require(
      try Sample.replay(JudgementHistory(), asOf: "2023-03-01").inForce(stream: trafford, on: "2023-03-01"))
    #expect(
      after.inspection.judgements == [
        "overall_effectiveness": ri, "impact_of_leaders": ri, "help_and_protection": ri,
        "children_in_care_and_care_leavers": ri,
      ])
    // 004 states no publication date; Ofsted's history (the same inspection, restated) gives it.
    #expect(after.sinceText == "in force since 2023-01-31 (publication)")
    let history = try Sample.replay(JudgementHistory())
    let directions = history.direction(of: after.inspection, stream: trafford)
    #expect(directions.first { $0.area == "overall_effectiveness" }?.direction == "improved")
    let areas = [
      "overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care_and_care_leavers",
    ]
    #expect(
      areas.map { area in directions.first { $0.area == area }?.direction } == [
        "improved", "improved", "unchanged", "unchanged",
      ])
  }

  @Test("four monitoring visits after 2019 by the end of 2022, in order, with their focus")
  func monitoringVisits() throws {
    let state = try Sample.replay(VisitTimeline(), asOf: "2022-12-31")
    let visits = state.entries(stream: trafford, types: ["monitoring_visit"])
    let distinct = Dictionary(grouping: visits, by: { $0.date.prefix(7) }).keys.sorted()
    #expect(distinct == ["2019-10", "2021-09", "2022-03", "2022-07"])
    let summary = state.monitoring(stream: trafford, on: "2022-11-20")
    #expect(summary.lastGradedInspection == "trafford-ilacs-2019-fieldwork")
    #expect(
      summary.monitoringVisits.map(\.id) == [
        "trafford-mv-2019-10", "trafford-mv-2021-09", "trafford-mv-2022-03", "trafford-mv-2022-07",
      ])
    #expect(
      summary.monitoringVisits.map {
        $0.title.hasPrefix("Monitoring visit \(summary.monitoringVisits.firstIndex(of: $0)! + 1)")
      } == [true, true, true, true])
    #expect(summary.monitoringVisits[2].title.contains("children in care"))
  }

  @Test("what we knew on 5 July 2022: the July visit only as scheduled, the turnover conflict not yet")
  func knownAt() throws {
    let state = try Sample.replay(VisitTimeline(), knownAt: "2022-07-05")
    let entries = state.entries(stream: trafford)
    #expect(entries.contains { $0.id == "trafford-mv-2022-07-scheduled" })
    #expect(!entries.contains { $0.id == "trafford-mv-2022-07" })
    let workforce = try Sample.replay(WorkforceStability(), knownAt: "2022-07-05")
    #expect(workforce.facts[id: "trafford-turnover-2022-09"] == nil)
    #expect(workforce.facts[id: "trafford-turnover-2021-22-q4"] != nil)
  }

  @Test("where sources contradict, the view shows the chosen value and keeps the other")
  func conflicts() throws {
    let workforce = try Sample.replay(WorkforceStability())
    let turnover = workforce.series(stream: trafford)
    let shown = turnover.values.flatMap { $0 }.filter {
      $0.id.hasPrefix("trafford-turnover-2021-22") || $0.id == "trafford-turnover-2022-09"
    }
    #expect(shown.map(\.id) == ["trafford-turnover-2021-22-q4"])
    #expect(Set(shown[0].conflicts) == ["trafford-turnover-2021-22-sa", "trafford-turnover-2022-09"])
  }

  @Test("the sample ledger passes verify")
  func verify() throws {
    #expect(try Verifier.verify(at: Sample.ledger).records > 200)
  }
}
