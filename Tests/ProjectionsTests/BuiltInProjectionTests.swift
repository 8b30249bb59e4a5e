import EventStore
import ProjectionTestKit
import Projections
import Testing

private func event(
  _ id: String, _ type: String, stream: String = "la:358", valid: (String, String)? = nil, reported: String? = nil,
  data: JSON
) -> NewEvent {
  ProjectionTestKit.event(id, type, stream: stream, valid: valid, reported: reported, data: data)
}
private let trafford = "la:358"

private let inspection2015 = event(
  "i2015", "ilacs_inspection", valid: ("2014-11-24", "2014-12-17"), reported: "2015-01-29",
  data: [
    "inspection_type": "sif", "fieldwork_start": "2014-11-24", "fieldwork_end": "2014-12-17", "published": "2015-01-29",
    "judgements": ["overall_effectiveness": "Good"],
  ])
private let inspection2019 = event(
  "i2019", "ilacs_inspection", valid: ("2019-03-04", "2019-03-08"), reported: "2019-05-08",
  data: [
    "inspection_type": "short", "fieldwork_start": "2019-03-04", "fieldwork_end": "2019-03-08",
    "published": "2019-05-08",
    "judgements": [
      "overall_effectiveness": "Inadequate", "impact_of_leaders": "Inadequate", "help_and_protection": "Inadequate",
      "children_in_care_and_care_leavers": "Requires improvement to be good",
    ],
  ])
private let inspection2022 = event(
  "i2022", "ilacs_inspection", valid: ("2022-11-21", "2022-12-02"), reported: "2023-01-31",
  data: [
    "inspection_type": "standard", "fieldwork_start": "2022-11-21", "fieldwork_end": "2022-12-02",
    "judgements": [
      "overall_effectiveness": "Requires improvement to be good",
      "impact_of_leaders": "Requires improvement to be good",
      "help_and_protection": "Requires improvement to be good",
      "children_in_care_and_care_leavers": "Requires improvement to be good",
    ],
  ])

@Suite("Judgement history: given events, when replayed as of a date, then the grades in force")
struct JudgementHistoryTests {
  @Test("a judgement takes effect on publication, not fieldwork")
  func publicationRule() throws {
    let state = try ProjectionTestKit.given([inspection2015, inspection2019]).when(asOf: "2019-05-07").then(
      JudgementHistory())
    #expect(state.inForce(stream: trafford, on: "2019-05-07")?.inspection.id == "i2015")
    #expect(state.inForce(stream: trafford, on: "2019-05-07", rule: .fieldworkEnd)?.inspection.id == "i2019")
    let after = try ProjectionTestKit.given([inspection2015, inspection2019]).when(asOf: "2019-05-08").then(
      JudgementHistory())
    #expect(
      after.inForce(stream: trafford, on: "2019-05-08")?.inspection.judgements["overall_effectiveness"] == "Inadequate")
    #expect(after.inForce(stream: trafford, on: "2019-05-08")?.since == "2019-05-08")
  }

  @Test("nothing is in force before the first publication")
  func beforeAny() throws {
    let state = try ProjectionTestKit.given([inspection2015]).when(asOf: "2015-01-01").then(JudgementHistory())
    #expect(state.inForce(stream: trafford, on: "2015-01-01") == nil)
    #expect(state.inspections(stream: trafford).map(\.id) == ["i2015"])
  }

  @Test(
    "an inspection with no publication date counts from its first report, says the date is not in the ledger, until one is known"
  )
  func unknownPublication() throws {
    let state = try ProjectionTestKit.given([inspection2019, inspection2022]).when(asOf: "2023-06-01").then(
      JudgementHistory())
    let inForce = state.inForce(stream: trafford, on: "2023-06-01")
    #expect(inForce?.inspection.id == "i2022")
    #expect(inForce?.since == "2023-01-31")
    #expect(inForce?.sinceText == "in force from publication (date not in the ledger; counted from 2023-01-31)")
    #expect(state.inForce(stream: trafford, on: "2022-12-01")?.inspection.id == "i2019")
    #expect(state.inForce(stream: trafford, on: "2023-01-30")?.inspection.id == "i2019")
    let published = event(
      "fix", "correction", reported: "2023-02-01",
      data: ["target": "i2022", "fields": ["published": "2023-01-31"], "reason": "publication date from Ofsted data"])
    let corrected = try ProjectionTestKit.given([inspection2019, inspection2022, published]).then(JudgementHistory())
    #expect(corrected.inForce(stream: trafford, on: "2023-06-01")?.inspection.id == "i2022")
    #expect(corrected.inForce(stream: trafford, on: "2023-06-01")?.basis == "publication")
    #expect(corrected.inForce(stream: trafford, on: "2023-01-30")?.inspection.id == "i2019")
  }

  @Test("direction of travel per area, across the 2023 split of children in care")
  func direction() throws {
    let state = try ProjectionTestKit.given([inspection2019, inspection2022]).then(JudgementHistory())
    let i2022 = try #require(state.inspections(stream: trafford).last)
    let directions = Dictionary(
      uniqueKeysWithValues: state.direction(of: i2022, stream: trafford).map { ($0.area, $0.direction) })
    #expect(
      directions == [
        "overall_effectiveness": "improved", "impact_of_leaders": "improved", "help_and_protection": "improved",
        "children_in_care_and_care_leavers": "unchanged",
      ])
  }

  @Test("--known-at excludes facts reported later, including a later correction")
  func knownAt() throws {
    let wrong = event(
      "fix2019", "correction", reported: "2020-01-01",
      data: ["target": "i2019", "fields": ["published": "2019-06-01"], "reason": "letter says June"])
    let before = try ProjectionTestKit.given([inspection2019, wrong]).when(knownAt: "2019-12-31").then(
      JudgementHistory())
    #expect(before.inspections(stream: trafford).first?.published == "2019-05-08")
    let after = try ProjectionTestKit.given([inspection2019, wrong]).when(knownAt: "2020-01-01").then(
      JudgementHistory())
    #expect(after.inspections(stream: trafford).first?.published == "2019-06-01")
    let nothing = try ProjectionTestKit.given([inspection2019]).when(knownAt: "2019-05-07").then(JudgementHistory())
    #expect(nothing.inspections(stream: trafford).isEmpty)
  }

  @Test("of two disagreeing facts the view shows the preferred one and keeps the other")
  func disagreement() throws {
    let june = event(
      "i2019-june", "ilacs_inspection", valid: ("2019-03-04", "2019-03-08"), reported: "2022-07-05",
      data: [
        "inspection_type": "short", "fieldwork_start": "2019-03-04", "fieldwork_end": "2019-03-08",
        "published": "2019-06-01",
        "judgements": ["overall_effectiveness": "Inadequate"],
      ])
    let disagree = event(
      "d1", "sources_disagree", reported: "2022-07-05",
      data: [
        "events": ["i2019", "i2019-june"], "topic": "when judged inadequate", "preferred": "i2019",
        "rule": "Ofsted report date",
      ])
    let state = try ProjectionTestKit.given([inspection2019, june, disagree]).then(JudgementHistory())
    #expect(state.inspections(stream: trafford).map(\.id) == ["i2019"])
    #expect(state.facts.conflicts(of: "i2019").map(\.id) == ["i2019-june"])
  }
}

@Suite("Visit timeline, workforce, audits and readiness: given/when/then")
struct OtherProjectionTests {
  private let visits = [
    inspection2019,
    event(
      "mv1", "monitoring_visit", valid: ("2019-10-01", "2019-10-02"), reported: "2019-11-01",
      data: [
        "ordinal": 1, "fieldwork_start": "2019-10-01", "fieldwork_end": "2019-10-02", "focus": ["front door"],
        "findings": ["saw improvements"],
      ]),
    event(
      "cancel", "visit_cancelled", valid: ("2020-03-01", "2020-03-31"), reported: "2020-04-01",
      data: ["visit_kind": "monitoring_visit", "planned": "2020-03", "reason": "Covid-19", "postponed": false]),
    event(
      "mv2", "monitoring_visit", valid: ("2021-09-01", "2021-09-02"), reported: "2021-10-01",
      data: [
        "ordinal": 2, "fieldwork_start": "2021-09-01", "fieldwork_end": "2021-09-02", "focus": ["care leavers"],
        "findings": ["too much variability"],
      ]),
  ]

  @Test("monitoring visits since the last graded inspection, in order, as of a date")
  func monitoring() throws {
    let state = try ProjectionTestKit.given(visits).when(asOf: "2021-01-01").then(VisitTimeline())
    let summary = state.monitoring(stream: trafford, on: "2021-01-01")
    #expect(summary.monitoringVisits.map(\.id) == ["mv1"])
    #expect(summary.lastGradedInspection == "i2019")
    #expect(summary.daysSinceLastGraded == 665)
    #expect(state.entries(stream: trafford).map(\.id) == ["i2019", "mv1", "cancel"])
    #expect(state.entries(stream: trafford)[2].title == "Cancelled: monitoring visit (Covid-19)")
  }

  private func figure(
    _ id: String, _ measure: String, _ value: Double, _ period: (String, String), kind: String = "local_mi"
  ) -> NewEvent {
    event(
      id, "workforce_figure", valid: period, reported: period.1,
      data: [
        "measure": .string(measure), "value": .number(value), "unit": "percent",
        "period": .string(period.0 + ".." + period.1), "source_kind": .string(kind),
      ])
  }

  @Test("workforce series by source kind, stability index and trend")
  func workforce() throws {
    let events = [
      figure("t21", "turnover_rate", 20, ("2020-10-01", "2021-09-30"), kind: "dfe_statistics"),
      figure("a21", "agency_rate", 30, ("2020-10-01", "2021-09-30"), kind: "dfe_statistics"),
      figure("t22", "turnover_rate", 16.8, ("2021-04-01", "2022-03-31")),
      figure("t22b", "turnover_rate", 24.6, ("2021-10-01", "2022-09-30"), kind: "dfe_statistics"),
      figure("a22", "agency_rate", 39.1, ("2021-10-01", "2022-09-30"), kind: "dfe_statistics"),
    ]
    let state = try ProjectionTestKit.given(events).then(WorkforceStability())
    let series = state.series(stream: trafford)
    #expect(
      series.keys.sorted() == [
        "workforce/agency_rate/dfe_statistics", "workforce/turnover_rate/dfe_statistics",
        "workforce/turnover_rate/local_mi",
      ])
    #expect(series["workforce/turnover_rate/dfe_statistics"]?.map(\.value) == [20, 24.6])
    #expect(state.stabilityIndex(stream: trafford).map(\.index) == [75, 68.2])
    let trend = try #require(
      state.trends(stream: trafford).first { $0.series == "workforce/turnover_rate/dfe_statistics" })
    #expect(trend.change == 4.6)
    #expect(trend.direction == "worse")
    #expect(state.series(stream: trafford, asOf: "2022-06-30")["workforce/turnover_rate/dfe_statistics"]?.count == 1)
  }

  @Test("audit results by quarter and theme")
  func audits() throws {
    let q2 = event(
      "q2", "audit_result", valid: ("2021-07-01", "2021-09-30"), reported: "2022-07-05",
      data: [
        "theme": "all_audits", "measure": "percent_inadequate", "value": 28, "unit": "percent", "period": "2021-22 Q2",
      ])
    let q3 = event(
      "q3", "audit_result", valid: ("2021-10-01", "2021-12-31"), reported: "2022-07-05",
      data: [
        "theme": "all_audits", "measure": "percent_inadequate", "value": 21, "unit": "percent", "period": "2021-22 Q3",
      ])
    let state = try ProjectionTestKit.given([q2, q3]).then(AuditQuality())
    #expect(
      state.results(stream: trafford).map { "\($0.period) \($0.display)" } == ["2021-22 Q2 28%", "2021-22 Q3 21%"])
    #expect(
      MeasureTrend.trend(state.results(stream: trafford), series: "audit/all_audits/percent_inadequate")?.direction
        == "better")
  }

  @Test("readiness shows each component's weight, value and evidence")
  func readiness() throws {
    let state = try ProjectionTestKit.given(visits).then(Readiness())
    let score = state.score(stream: trafford, on: "2022-01-01")
    let byName = Dictionary(uniqueKeysWithValues: score.components.map { ($0.name, $0) })
    #expect(byName["judgements"]?.value == 25)
    #expect(byName["monitoring_visits"]?.value == 50)
    #expect(byName["monitoring_visits"]?.evidence == ["mv1", "mv2"])
    #expect(byName["monitoring_findings"]?.value == 0)
    #expect(byName["monitoring_findings"]?.explanation.contains("concern, classified from its findings") == true)
    #expect(byName["audit_quality"]?.value == nil)
    #expect(score.components.map(\.weight).reduce(0, +) == 100)
    #expect(score.score != nil)
  }
}

/// Every judgement an inspection is shown with carries its grade or the reason it has none.
@Suite("Judgement entries: grade or reason")
struct JudgementEntryTests {
  struct ShortReason: Sendable, CustomTestStringConvertible {
    let reason: String
    let short: String
    var testDescription: String { reason }
  }

  @Test(
    "short forms of the reasons",
    arguments: [
      ShortReason(reason: "not given under the framework from April 2026", short: "not given from 2026"),
      ShortReason(reason: "the judgement did not exist when the inspection took place", short: "not yet a judgement"),
      ShortReason(
        reason: "no separate judgement before 2023 (part of children in care and care leavers)",
        short: "not separate before 2023"),
      ShortReason(reason: "the extractor could not read it from the report", short: "unreadable in source"),
      ShortReason(reason: "not extracted from the report", short: "not extracted from source"),
      ShortReason(reason: "not stated in the source", short: "not stated in source"),
      ShortReason(reason: "not a judgement under the sif framework", short: "not a judgement then"),
      ShortReason(reason: "withheld pending appeal", short: "withheld pending appeal"),
    ])
  func shortReasons(_ c: ShortReason) {
    #expect(JudgementEntry.shortReason(c.reason) == c.short)
    #expect(JudgementEntry.absent(reason: c.reason).text == "not graded: " + c.reason)
  }

  @Test("given a 2026 inspection without overall and a 2019 one without care leavers, then each shows the reason")
  func entries() throws {
    let inspection2026 = event(
      "i2026", "ilacs_inspection", valid: ("2026-06-08", "2026-06-19"), reported: "2026-07-28",
      data: [
        "inspection_type": "standard", "fieldwork_start": "2026-06-08", "fieldwork_end": "2026-06-19",
        "published": "2026-07-28",
        "judgements": [
          "impact_of_leaders": "Good", "help_and_protection": "Good", "children_in_care": "Good",
          "care_leavers": "Outstanding",
        ],
        "judgements_absent": ["overall_effectiveness": "not given under the framework from April 2026"],
      ])
    let state = try ProjectionTestKit.given([inspection2019, inspection2026]).when(asOf: "2026-12-01").then(
      JudgementHistory())
    let inspections = state.inspections(stream: trafford)
    let entries = inspections.map { $0.entries.map { "\($0.area)=\($0.entry.short)" } }
    #expect(
      entries == [
        [
          "overall_effectiveness=Inadequate", "impact_of_leaders=Inadequate", "help_and_protection=Inadequate",
          "children_in_care_and_care_leavers=RI", "care_leavers=not separate before 2023",
        ],
        [
          "overall_effectiveness=not given from 2026", "impact_of_leaders=Good", "help_and_protection=Good",
          "children_in_care=Good",
          "care_leavers=Outstanding",
        ],
      ])
    #expect(inspections[0].entry("adoption") == .absent(reason: "not a judgement under the ilacs_2018 framework"))
    #expect(state.inForce(stream: trafford, on: "2026-12-01")?.inspection.id == "i2026")
  }
}
