import EventStore
import ProjectionTestKit
import Projections
import Testing

private let trafford = "la:358"
private let bury = "la:351"

private func figure(
  _ id: String, _ measure: String, _ value: Double, _ period: (String, String), stream: String = trafford,
  kind: String = "local_mi", reported: String? = nil
) -> NewEvent {
  ProjectionTestKit.event(
    id, "workforce_figure", stream: stream, valid: period, reported: reported ?? period.1,
    data: [
      "measure": .string(measure), "value": .number(value), "unit": "percent",
      "period": .string(period.0 + ".." + period.1),
      "source_kind": .string(kind),
    ])
}

private func audit(
  _ id: String, _ theme: String, _ measure: String, _ value: Double, _ period: (String, String),
  unit: String = "percent"
) -> NewEvent {
  ProjectionTestKit.event(
    id, "audit_result", valid: period, reported: "2022-07-05",
    data: [
      "theme": .string(theme), "measure": .string(measure), "value": .number(value), "unit": .string(unit),
      "period": .string(period.0 + ".." + period.1),
    ])
}

private func inspection(
  _ id: String, _ fieldwork: (String, String), published: String?, reported: String, overall: String,
  stream: String = trafford
) -> NewEvent {
  var data: [String: JSON] = [
    "inspection_type": "standard", "fieldwork_start": .string(fieldwork.0), "fieldwork_end": .string(fieldwork.1),
    "judgements": ["overall_effectiveness": .string(overall)],
  ]
  data["published"] = published.map(JSON.string)
  return ProjectionTestKit.event(
    id, "ilacs_inspection", stream: stream, valid: fieldwork, reported: reported, data: .object(data))
}

private func visit(
  _ id: String, _ fieldwork: (String, String), letter: String? = nil, findings: [String] = [], finding: String? = nil
) -> NewEvent {
  var data: [String: JSON] = [
    "fieldwork_start": .string(fieldwork.0), "fieldwork_end": .string(fieldwork.1), "focus": ["children in care"],
    "findings": .array(findings.map(JSON.string)),
  ]
  data["letter_date"] = letter.map(JSON.string)
  data["finding"] = finding.map(JSON.string)
  data["finding_quote"] = finding.map { _ in .string(findings.first ?? "") }
  return ProjectionTestKit.event(
    id, "monitoring_visit", valid: fieldwork, reported: letter ?? fieldwork.1, data: .object(data))
}

@Suite("Finding classifier: real sentences from the letters and packs in examples/sources")
struct FindingClassifierTests {
  @Test(
    "whole phrases, with negation and hedging",
    arguments: [
      (["unstable and not good enough"], VisitFinding.concern),
      (
        [
          "The quality of assessment & planning is improving but we know we have more to do. We still have some variability."
        ], .mixed
      ),
      (["saw improvements"], .progress),
      (["Whilst they saw lots of examples of good practice, it is not yet consistent across the service."], .mixed),
      (
        [
          "They saw lots of variability & noted that some children's experience has not been improved despite our involvement."
        ], .concern
      ),
      (
        [
          "Services for children in care in Trafford have shown some improvements since the inspection in 2019",
          "the quality of practice with children in care is not consistent",
        ], .mixed
      ),
      (
        [
          "Following the last inspection in 2019, when Trafford was judged to be inadequate, the pace of improvement was too slow."
        ], .concern
      ),
      (["Social workers are not consistently receiving regular, good-quality supervision."], .concern),
      (["practice is still too variable"], .concern),
      (["good decision making and assurance at the Front Door"], .progress),
      (["Inspectors raised no concerns about the front door and practice is strong."], .progress),
    ])
  func classify(_ lines: [String], _ expected: VisitFinding) {
    #expect(FindingClassifier.classify(lines) == expected)
  }

  @Test("lines with no cue are not classified")
  func noCue() {
    #expect(FindingClassifier.classify(["Inspectors met the director and reviewed 30 case files."]) == nil)
    #expect(FindingClassifier.classify([]) == nil)
  }
}

@Suite("Period kinds and measure directions")
struct PeriodKindAndDirectionTests {
  @Test(
    "the kind is read from the first and last days",
    arguments: [
      ("2021-07-01", "2021-09-30", PeriodKind.quarter), ("2022-01-01", "2022-03-31", .quarter),
      ("2021-04-01", "2022-03-31", .financialYear), ("2021-01-01", "2021-12-31", .calendarYear),
      ("2023-09-01", "2024-08-31", .academicYear), ("2022-05-01", "2022-05-31", .month),
      ("2024-02-01", "2024-02-29", .month),
      ("2021-08-01", "2022-01-31", .months(6)), ("2022-09-30", "2022-09-30", .day),
      ("2024-03-05", "2024-07-31", .days(149)),
    ])
  func kinds(_ from: String, _ to: String, _ expected: PeriodKind) {
    #expect(PeriodKind.of(from: from, to: to) == expected)
  }

  @Test(
    "better and worse follow the measure's direction",
    arguments: [
      ("workforce/turnover_rate/local_mi", -2.0, "better"), ("workforce/turnover_rate/dfe_statistics", 1.5, "worse"),
      ("audit/all_audits/percent_inadequate", -7.0, "better"), ("audit/plans/percent_good_or_better", 9.0, "better"),
      ("workforce/caseload/local_mi/frontline", 3.0, "worse"), ("indicator/children_in_care", 10.0, "changed"),
      ("workforce/exit_interviews/local_mi", -24.0, "changed"), ("workforce/agency_rate/local_mi", 0.0, "unchanged"),
    ])
  func directions(_ series: String, _ change: Double, _ verdict: String) {
    #expect(MeasureDirection.of(series: series).verdict(change: change) == verdict)
  }
}

@Suite("Before and after a visit: given readings, when compared around fieldwork, then like with like")
struct BeforeAfterTests {
  let query = BeforeAfterQuery(stream: trafford, start: "2022-03-10", end: "2022-03-11", windowDays: 186)

  @Test("470 audits in calendar 2021 and 420 in 2021-22 are never paired; each is listed on its side")
  func differentPeriodsNotPaired() throws {
    let events = [
      audit("cal", "all_audits", "count", 470, ("2021-01-01", "2021-12-31"), unit: "count"),
      audit("fy", "all_audits", "count", 420, ("2021-04-01", "2022-03-31"), unit: "count"),
    ]
    let facts = try ProjectionTestKit.given(events).then(AllMeasures()).facts
    let c = BeforeAfter.compare(facts, query)
    #expect(c.pairs.isEmpty)
    #expect(c.onlyBefore.map(\.point.id) == ["cal"])
    #expect(c.onlyAfter.map(\.point.id) == ["fy"])
  }

  @Test("the nearest quarter before pairs with the nearest quarter after, judged by direction")
  func quarters() throws {
    let events = [
      audit("q2", "all_audits", "percent_inadequate", 28, ("2021-07-01", "2021-09-30")),
      audit("q3", "all_audits", "percent_inadequate", 21, ("2021-10-01", "2021-12-31")),
      audit("q4", "all_audits", "percent_inadequate", 14, ("2022-01-01", "2022-03-31")),
      audit("q1", "all_audits", "percent_inadequate", 18, ("2022-04-01", "2022-06-30")),
      audit("month", "all_audits", "percent_inadequate", 30, ("2022-04-01", "2022-04-30")),
    ]
    let c = BeforeAfter.compare(try ProjectionTestKit.given(events).then(AllMeasures()).facts, query)
    let pair = try #require(c.pairs.first)
    #expect(c.pairs.count == 1)
    #expect((pair.before.id, pair.after.id, pair.change, pair.verdict) == ("q3", "q4", -7, "better"))
    #expect(pair.periodKind == .quarter && pair.gapDays == 90)
    #expect(c.onlyAfter.map(\.point.id) == ["month"])
  }

  @Test("a reading just outside the window is mentioned, not paired")
  func justOutside() throws {
    let events = [
      figure("before", "turnover_rate", 20, ("2021-10-01", "2021-10-31")),
      figure("late", "turnover_rate", 15, ("2022-10-01", "2022-10-31")),
    ]
    let c = BeforeAfter.compare(try ProjectionTestKit.given(events).then(AllMeasures()).facts, query)
    #expect(c.pairs.isEmpty)
    #expect(c.onlyBefore.map(\.point.id) == ["before"])
    #expect(c.justOutside.map(\.point.id) == ["late"])
    #expect((c.query.windowStart, c.query.windowEnd) == ("2021-09-05", "2022-09-13"))
  }
}

@Suite("Readiness: components with evidence, the overall audit measure, the letter's own finding")
struct ReadinessAnswerTests {
  @Test("one component with evidence gives no single score")
  func tooLittle() throws {
    let state = try ProjectionTestKit.given([
      audit("inadequate", "all_audits", "percent_inadequate", 10, ("2024-03-01", "2024-07-31"))
    ])
    .then(Readiness())
    let score = state.score(stream: trafford, on: "2024-09-30")
    #expect(score.score == nil)
    #expect(score.componentsWithEvidence == 1)
    #expect(score.evidenceSummary == "1 of 6 components have evidence; a single score needs at least 4")
  }

  @Test("the audit component reads all audits, not the theme with the latest result")
  func overallAudit() throws {
    let events = [
      audit("overall", "all_audits", "percent_requires_improvement_or_better", 73, ("2022-07-01", "2022-07-31")),
      audit("dip", "chronologies", "percent_good_or_better", 76, ("2022-08-01", "2022-08-31")),
    ]
    let score = try ProjectionTestKit.given(events).then(Readiness()).score(stream: trafford, on: "2022-09-30")
    let component = try #require(score.components.first { $0.name == "audit_quality" })
    #expect(component.value == 73)
    #expect(component.evidence == ["overall"])
  }

  @Test(
    "the visit's own finding is used when recorded, else the classifier",
    arguments: [
      ("concern", ["the quality of practice is improving"], 0.0, "the letter's own finding"),
      (nil, ["the quality of practice is improving"], 100.0, "classified from its findings"),
      (nil, ["unstable and not good enough"], 0.0, "classified from its findings"),
    ] as [(String?, [String], Double, String)])
  func findings(_ finding: String?, _ lines: [String], _ value: Double, _ basis: String) throws {
    let events = [
      inspection(
        "i2019", ("2019-03-04", "2019-03-08"), published: "2019-05-08", reported: "2019-05-08", overall: "Inadequate"),
      visit("mv", ("2022-03-10", "2022-03-11"), letter: "2022-05-09", findings: lines, finding: finding),
    ]
    let score = try ProjectionTestKit.given(events).then(Readiness()).score(stream: trafford, on: "2022-06-01")
    let component = try #require(score.components.first { $0.name == "monitoring_findings" })
    #expect(component.value == value)
    #expect(component.explanation.contains(basis))
  }
}

@Suite("State on a date: pending reports, what the ledger holds, figures as at their report")
struct StateOnDateTests {
  let events = [
    inspection(
      "i2019", ("2019-03-04", "2019-03-08"), published: "2019-05-08", reported: "2019-05-08", overall: "Inadequate"),
    visit("mv1", ("2019-10-01", "2019-10-02")), visit("mv2", ("2021-09-28", "2021-09-29"), letter: "2021-11-02"),
    visit("mv3", ("2022-03-10", "2022-03-11"), letter: "2022-05-09"), visit("mv4", ("2022-07-12", "2022-07-13")),
    inspection(
      "i2022", ("2022-11-21", "2022-12-02"), published: nil, reported: "2023-01-31",
      overall: "Requires improvement to be good"),
  ]

  @Test("between fieldwork and report: inspection done, report pending, beside the judgements still in force")
  func pending() throws {
    let status = try ProjectionTestKit.given(events).then(JudgementHistory()).status(stream: trafford, on: "2022-12-31")
    #expect(status.inForce?.inspection.id == "i2019")
    #expect(status.pending.map(\.id) == ["i2022"])
    #expect(
      status.statement("Trafford").contains(
        "Inspection done, report pending: fieldwork 2022-11-21…2022-12-02, publication date not in the ledger."))
  }

  @Test("no inspection: the ledger says so, not that no judgement was in force")
  func noInspection() throws {
    let status = try ProjectionTestKit.given(events).then(JudgementHistory()).status(stream: bury, on: "2026-12-02")
    #expect(status.statement("Bury") == "The ledger holds no inspection of Bury up to 2026-12-02.")
  }

  @Test("monitoring visits and what came next stay visible across the re-inspection")
  func cycles() throws {
    let timeline = try ProjectionTestKit.given(events).then(VisitTimeline())
    let summary = timeline.monitoring(stream: trafford, on: "2022-12-31")
    #expect(summary.monitoringVisits.map(\.id) == ["mv1", "mv2", "mv3", "mv4"])
    let cycles = timeline.monitoringCycles(stream: trafford, on: "2022-12-31")
    #expect(cycles.map(\.visits.count) == [4, 0])
    #expect(cycles.first?.nextText == "re-inspection 2022-11-21…2022-12-02 (inspection done, report pending)")
    let later = timeline.monitoringCycles(stream: trafford, on: "2023-06-01")
    #expect(
      later.first?.nextText
        == "re-inspection 2022-11-21…2022-12-02 (in force from publication (date not in the ledger))")
    #expect(timeline.monitoring(stream: trafford, on: "2023-06-01").monitoringVisits.isEmpty)
  }

  @Test("a figure for a period not yet ended counts from its report date")
  func asAtReport() throws {
    let s47 = ProjectionTestKit.event(
      "s47", "performance_indicator", stream: bury, valid: ("2024-04-01", "2025-03-31"), reported: "2024-09-17",
      data: ["metric": "s47_median_days", "value": 13, "unit": "days", "period": "2024-25"])
    let facts = try ProjectionTestKit.given([s47]).then(AllMeasures()).facts
    #expect(
      MeasureSeries.series(facts, stream: bury, asOf: "2024-09-17")["indicator/s47_median_days"]?.map(\.id) == ["s47"])
    #expect(MeasureSeries.series(facts, stream: bury, asOf: "2024-09-16").isEmpty)
  }

  @Test("intervals between visits, to letters and between inspections, the longest called out")
  func intervals() throws {
    let intervals = try ProjectionTestKit.given(events).then(VisitTimeline()).intervals(stream: trafford)
    let visits = intervals.filter { $0.kind == .betweenMonitoringVisits }
    #expect(visits.map(\.days) == [727, 162, 123])
    #expect(visits.map(\.longest) == [true, false, false])
    #expect(intervals.filter { $0.kind == .visitToLetter }.map(\.days) == [34, 59])
    #expect(intervals.filter { $0.kind == .betweenInspections }.map(\.days) == [1354])
    #expect(intervals.filter { $0.kind == .fieldworkToReport }.map(\.days) == [61])
  }
}

@Suite("Across authorities: ranking like with like")
struct NationalRankingTests {
  let events = [
    figure(
      "traf-agency", "agency_rate", 39, ("2022-07-01", "2022-07-31"), kind: "figure_given_to_ofsted",
      reported: "2022-09-27"),
    figure("bury-agency", "agency_rate", 40, ("2024-09-17", "2024-09-17"), stream: bury, reported: "2024-09-17"),
    figure("bolton-agency", "agency_rate", 20, ("2021-04-01", "2022-03-31"), stream: "la:350"),
    figure("traf-dfe", "agency_rate", 39.1, ("2021-10-01", "2022-09-30"), kind: "dfe_statistics"),
  ]

  @Test("local figures rank across authorities, one table per kind of period (a day and a month are both snapshots)")
  func local() throws {
    let facts = try ProjectionTestKit.given(events).then(AllMeasures()).facts
    let groups = NationalRanking.rank(
      facts, streams: [trafford, bury, "la:350"],
      RankingQuery(measure: "agency_rate", source: .local, date: "2026-12-02"))
    #expect(groups.map(\.periodKind) == ["snapshot (as at a day or for a month)", "financial year"])
    #expect(
      groups[0].entries.map { "\($0.rank) \($0.stream) \($0.latest.display)" } == ["1 la:351 40%", "2 la:358 39%"])
    let dfe = NationalRanking.rank(
      facts, streams: [trafford, bury], RankingQuery(measure: "agency_rate", source: .dfe, date: "2026-12-02"))
    #expect(dfe.flatMap(\.entries).map(\.latest.id) == ["traf-dfe"])
  }

  @Test(
    "rising N readings running",
    arguments: [
      ([10.0, 12, 14], 2, true), ([10.0, 14, 12], 2, false), ([10.0, 12], 2, false), ([12.0, 10, 11, 13], 2, true),
    ])
  func rising(_ values: [Double], _ times: Int, _ expected: Bool) {
    #expect(NationalRanking.risesRunning(values, times: times) == expected)
  }

  @Test("England's figure is never one of another kind of period")
  func england() throws {
    let facts = try ProjectionTestKit.given([
      figure("eng-fy", "turnover_rate", 15, ("2021-04-01", "2022-03-31"), stream: "england"),
      figure("eng-q", "turnover_rate", 14, ("2022-01-01", "2022-03-31"), stream: "england"),
      figure("local-q", "turnover_rate", 16, ("2022-04-01", "2022-06-30")),
    ]).then(AllMeasures()).facts
    let local = try #require(MeasureSeries.series(facts, stream: trafford)["workforce/turnover_rate/local_mi"]?.first)
    #expect(EnglandBenchmark.match(local, in: MeasureSeries.series(facts, stream: "england"))?.id == "eng-q")
  }
}

@Suite("What changed between two dates, and the latest figures: given/when/then")
struct ChangesAndLatestTests {
  @Test("grade changes name every area whose grade in force differs")
  func grades() throws {
    let events = [
      inspection(
        "i2019", ("2019-03-04", "2019-03-08"), published: "2019-05-08", reported: "2019-05-08", overall: "Inadequate"),
      inspection(
        "i2022", ("2022-11-21", "2022-12-02"), published: "2023-01-31", reported: "2023-01-31",
        overall: "Requires improvement to be good"),
    ]
    let history = try ProjectionTestKit.given(events).then(JudgementHistory())
    #expect(
      ChangesBetween.grades(history, stream: trafford, from: "2022-11-01", to: "2023-03-01")
        == [GradeChange(area: "overall_effectiveness", from: "Inadequate", to: "Requires improvement to be good")])
    #expect(
      ChangesBetween.grades(history, stream: trafford, from: "2019-01-01", to: "2019-06-01")
        == [GradeChange(area: "overall_effectiveness", from: nil, to: "Inadequate")])
    #expect(ChangesBetween.grades(history, stream: trafford, from: "2020-01-01", to: "2022-12-31").isEmpty)
  }

  @Test(
    "figure changes: a series whose latest reading is another one on the later date",
    arguments: [
      ("2021-12-31", "2022-03-31", ["q3": "q4"]), ("2021-06-30", "2021-12-31", ["-": "q3"]),
      ("2022-03-31", "2022-06-30", [:]),
    ])
  func figures(_ from: String, _ to: String, _ expected: [String: String]) throws {
    let events = [
      audit("q3", "all_audits", "percent_inadequate", 21, ("2021-10-01", "2021-12-31")),
      audit("q4", "all_audits", "percent_inadequate", 14, ("2022-01-01", "2022-03-31")),
    ]
    let facts = try ProjectionTestKit.given(events).then(AllMeasures()).facts
    let changes = ChangesBetween.figures(facts, stream: trafford, from: from, to: to)
    #expect(Dictionary(uniqueKeysWithValues: changes.map { ($0.from?.id ?? "-", $0.to.id) }) == expected)
  }

  @Test("the latest figure prefers a value, with England's of the same kind of period beside it")
  func latest() throws {
    let missing = ProjectionTestKit.event(
      "na", "workforce_figure", valid: ("2022-04-01", "2022-06-30"), reported: "2022-07-05",
      data: [
        "measure": "turnover_rate", "unit": "percent", "period": "2022-23 Q1", "source_kind": "local_mi",
        "not_available": ["code": "x", "reason": "not available"],
      ])
    let events = [
      figure("q4", "turnover_rate", 16.8, ("2022-01-01", "2022-03-31")), missing,
      figure("eng-q4", "turnover_rate", 15, ("2022-01-01", "2022-03-31"), stream: "england"),
      figure("eng-fy", "turnover_rate", 14, ("2021-04-01", "2022-03-31"), stream: "england"),
    ]
    let facts = try ProjectionTestKit.given(events).then(AllMeasures()).facts
    let latest = LatestFigures.latest(facts, stream: trafford, englandStream: "england", asOf: "2022-09-30")
    #expect(
      latest.map { "\($0.series) \($0.point.id) \($0.england?.id ?? "-")" } == [
        "workforce/turnover_rate/local_mi q4 eng-q4"
      ])
  }
}

@Suite("Answers on the sample ledger: real cases from the five documents")
struct SampleLedgerAnswerTests {
  let trafford = "la:358"
  let bury = "la:351"

  @Test("around Trafford's third monitoring visit, 470 audits (calendar 2021) and 420 (2021-22) are not paired")
  func auditCountsNotPaired() throws {
    let facts = try Sample.replay(AllMeasures()).facts
    let c = BeforeAfter.compare(
      facts, BeforeAfterQuery(stream: trafford, start: "2022-03-10", end: "2022-03-11", windowDays: 186))
    #expect(c.onlyBefore.contains { $0.point.id == "trafford-audits-count-2021" })
    #expect(c.onlyAfter.contains { $0.point.id.hasPrefix("trafford-audits-count-2021-22") })
    #expect(!c.pairs.contains { $0.series == "audit/all_audits/count" })
    #expect(c.pairs.allSatisfy { $0.before.periodKind == $0.after.periodKind })
  }

  @Test("Trafford on 2022-12-31: the 2019 judgement in force, the 2022 inspection done with its report pending")
  func pendingReport() throws {
    let status = try Sample.replay(JudgementHistory(), asOf: "2022-12-31").status(stream: trafford, on: "2022-12-31")
    #expect(status.inForce?.inspection.judgements["overall_effectiveness"] == "Inadequate")
    #expect(status.pending.map(\.id) == ["trafford-ilacs-2022"])
    let cycles = try Sample.replay(VisitTimeline(), asOf: "2022-12-31").monitoringCycles(
      stream: trafford, on: "2022-12-31")
    #expect(cycles.contains { $0.visits.count == 4 && $0.next?.id == "trafford-ilacs-2022" })
  }

  @Test("Bury's 2024-25 s47 figure, reported 2024-09-17, counts at --as-of 2024-09-17")
  func asAtReport() throws {
    let facts = try Sample.replay(AllMeasures(), asOf: "2024-09-17").facts
    #expect(
      MeasureSeries.series(facts, stream: bury, asOf: "2024-09-17").values.joined().contains {
        $0.id == "bury-s47-median"
      })
    #expect(
      !MeasureSeries.series(facts, stream: bury, asOf: "2024-09-16").values.joined().contains {
        $0.id == "bury-s47-median"
      })
  }

  @Test("local agency rates rank Bury and Trafford together, each with its period and source")
  func localRanking() throws {
    let facts = try Sample.replay(AllMeasures()).facts
    let groups = NationalRanking.rank(
      facts, streams: [trafford, bury], RankingQuery(measure: "agency_rate", source: .local, date: "2026-12-02"))
    let ranked = groups.flatMap(\.entries)
    #expect(Set(ranked.map(\.stream)) == [trafford, bury])
    #expect(ranked.allSatisfy { !$0.latest.period.isEmpty && !$0.latest.citation.isEmpty })
  }

  @Test("what changed for Trafford from 2022-11-01 to 2023-03-01: every area from Inadequate or none to RI")
  func gradeChanges() throws {
    let history = try Sample.replay(JudgementHistory())
    let changes = ChangesBetween.grades(history, stream: trafford, from: "2022-11-01", to: "2023-03-01")
    #expect(
      changes.first { $0.area == "overall_effectiveness" }
        == GradeChange(area: "overall_effectiveness", from: "Inadequate", to: "Requires improvement to be good"))
    #expect(changes.allSatisfy { $0.to == "Requires improvement to be good" })
  }
}
