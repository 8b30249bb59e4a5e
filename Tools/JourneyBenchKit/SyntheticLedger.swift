import EventStore
import Foundation
import JourneyDomain
import Projections

/// A deterministic synthetic national ledger: every English authority over 20 years.
///
/// Per authority and year: occasional inspections (short after Good, standard after RI or
/// Inadequate; every three or four years), monitoring visits after Inadequate, DfE reviews and
/// notices, quarterly audits, annual DfE workforce figures and quarterly local ones, monthly
/// indicators; about 2% of figures are later corrected and 1% contradicted by a second source.
/// England and the regions get annual benchmark figures. Events are valid domain events (the tests
/// validate them through the catalogue) and appear in date order.
public struct SyntheticLedger {
  public let seed: UInt64
  /// How many events to generate.
  public let count: Int
  public static let firstYear = 2006
  public static let years = 20

  let authorities: [Authority]
  let benchmarks: [Authority]

  public init(seed: UInt64 = 20_261_124, count: Int = 1_000_000, registry: AuthorityRegistry = .shared) {
    self.seed = seed
    self.count = count
    authorities = registry.all.filter { $0.kind == .localAuthority && $0.years.upperBound >= 2023 }
    benchmarks = registry.all.filter { $0.kind != .localAuthority }
  }

  /// Events per authority and year needed to reach `count`.
  var perAuthorityYear: Int { max(8, count / (authorities.count * SyntheticLedger.years)) }

  /// Generates the events in batches of `batchSize`, calling `body` with each; exactly `count` in all.
  public func generate(batchSize: Int = 1000, _ body: ([NewEvent]) throws -> Void) rethrows {
    var state = GeneratorState(seed: seed)
    var batch: [NewEvent] = []
    batch.reserveCapacity(batchSize)
    var produced = 0
    func emit(_ event: NewEvent) throws {
      guard produced < count else { return }
      batch.append(event)
      produced += 1
      if batch.count == batchSize {
        try body(batch)
        batch.removeAll(keepingCapacity: true)
      }
    }
    var year = SyntheticLedger.firstYear
    while produced < count {
      for authority in authorities {
        for event in state.year(year, authority: authority, quota: perAuthorityYear) where produced < count {
          try emit(event)
        }
      }
      for benchmark in benchmarks where produced < count {
        for event in state.benchmarkYear(year, area: benchmark) { try emit(event) }
      }
      year += 1
      // Safety: years stay within the supported range.
      if year >= SyntheticLedger.firstYear + SyntheticLedger.years + 60 { break }
    }
    if !batch.isEmpty { try body(batch) }
  }
}

/// The generator's evolving state: grades, ids, earlier figures to correct.
struct GeneratorState {
  var random: SeededRandom
  var sequence = 0
  var grades: [String: Int] = [:]  // stream -> 1...4
  var recentFigures: [(id: String, stream: String)] = []

  init(seed: UInt64) { random = SeededRandom(seed: seed) }

  static let gradeNames = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
  static let auditThemes = ["all_audits", "assessment", "planning", "management_grip", "voice_of_the_child"]
  static let metrics = [
    "re_referrals", "child_protection_plans", "children_in_care", "assessment_timeliness", "s47_within_15_days",
    "icpc_within_15_days", "placement_stability_two_years", "care_leavers_suitable_accommodation", "school_attendance",
    "persistent_absence",
  ]

  mutating func nextID(_ prefix: String) -> String {
    sequence += 1
    return "syn-\(prefix)-\(sequence)"
  }

  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }

  mutating func percent(_ center: Double, spread: Double) -> Double {
    (min(100, max(0, center + Double.random(in: -spread...spread, using: &random))) * 10).rounded() / 10
  }

  func day(_ year: Int, _ month: Int, _ d: Int) -> String { String(format: "%04d-%02d-%02d", year, month, d) }

  func meta(_ reported: String, _ quote: String) -> JSON {
    [
      "reported": .string(reported),
      "source": ["file": "synthetic", "lines": "1", "quote": .string(quote), "kind": "local_mi"],
    ]
  }

  func event(
    _ id: String, _ type: String, _ stream: String, valid: ValidTime?, reported: String, data: JSON, version: Int = 1
  ) -> NewEvent {
    NewEvent(
      id: id, type: type, schemaVersion: version, stream: stream, valid: valid, data: data, meta: meta(reported, id))
  }

  /// One authority's events for one year, about `quota` of them.
  mutating func year(_ year: Int, authority: Authority, quota: Int) -> [NewEvent] {
    let stream = authority.stream
    var events: [NewEvent] = []
    events += inspectionEvents(year, stream)
    let figures = max(0, quota - events.count)
    events += workforceEvents(year, stream, budget: figures / 4)
    events += auditEvents(year, stream, budget: figures / 4)
    events += indicatorEvents(year, stream, budget: figures - figures / 4 - figures / 4 - events.count / 10)
    events += correctionsAndContradictions(year, stream)
    return events
  }

  mutating func inspectionEvents(_ year: Int, _ stream: String) -> [NewEvent] {
    var events: [NewEvent] = []
    let grade = grades[stream] ?? Int.random(in: 2...3, using: &random)
    if chance(0.28) {
      let start = day(year, Int.random(in: 1...10, using: &random), Int.random(in: 1...14, using: &random))
      let end = DayMathLite.add(days: grade <= 2 ? 4 : 11, to: start)
      let published = DayMathLite.add(days: Int.random(in: 31...90, using: &random), to: end)
      let newGrade = min(4, max(1, grade + Int.random(in: -1...1, using: &random)))
      grades[stream] = newGrade
      let areas = Framework.inForce(on: start).areas
      var judgements: [String: JSON] = [:]
      for area in areas {
        judgements[area] = .string(
          GeneratorState.gradeNames[min(3, max(0, newGrade - 1 + Int.random(in: -1...0, using: &random)))])
      }
      judgements["overall_effectiveness"] =
        areas.contains("overall_effectiveness") ? .string(GeneratorState.gradeNames[newGrade - 1]) : nil
      events.append(
        event(
          nextID("ilacs"), "ilacs_inspection", stream, valid: ValidTime(from: start, to: end), reported: published,
          data: [
            "inspection_type": .string(grade <= 2 ? "short" : "standard"), "fieldwork_start": .string(start),
            "fieldwork_end": .string(end),
            "published": .string(published), "judgements": .object(judgements),
          ], version: 2))
    }
    if (grades[stream] ?? 2) == 4 {
      for quarter in [3, 9] where chance(0.8) {
        let start = day(year, quarter, Int.random(in: 1...20, using: &random))
        let end = DayMathLite.add(days: 1, to: start)
        events.append(
          event(
            nextID("mv"), "monitoring_visit", stream, valid: ValidTime(from: start, to: end),
            reported: DayMathLite.add(days: 40, to: end),
            data: [
              "fieldwork_start": .string(start), "fieldwork_end": .string(end), "focus": ["children in need"],
              "findings": .array([
                chance(0.6) ? "some improvements since the inspection" : "too much variability in practice"
              ]),
              "letter_date": .string(DayMathLite.add(days: 30, to: end)),
            ]))
      }
      if chance(0.5) {
        events.append(
          event(
            nextID("dfe"), "dfe_review", stream, valid: ValidTime(from: day(year, 5, 1), to: day(year, 5, 31)),
            reported: day(year, 6, 15),
            data: [
              "review_kind": "six_monthly_review", "period": .string("\(year)-05"),
              "conclusions": ["progress continues"],
            ]))
      }
      if chance(0.15) {
        events.append(
          event(
            nextID("notice"), "intervention", stream, valid: ValidTime(day: day(year, 7, 1)), reported: day(year, 7, 1),
            data: [
              "action": "issued", "instrument": "improvement_notice", "date": .string(day(year, 7, 1)),
              "service_area": "childrens_social_care",
            ]))
      }
    }
    return events
  }

  mutating func workforceEvents(_ year: Int, _ stream: String, budget: Int) -> [NewEvent] {
    var events: [NewEvent] = []
    let census = day(year, 9, 30)
    let annual: [(String, Double, Double)] = [
      ("turnover_rate", 16, 8), ("agency_rate", 18, 10), ("vacancy_rate", 17, 8), ("caseload", 16, 4),
    ]
    for (measure, center, spread) in annual where events.count < budget {
      let id = nextID("wf")
      events.append(
        event(
          id, "workforce_figure", stream, valid: ValidTime(day: census), reported: day(year + 1, 2, 27),
          data: [
            "measure": .string(measure), "value": .number(percent(center, spread: spread)),
            "unit": .string(measure == "caseload" ? "cases_per_worker" : "percent"),
            "period": .string("as at \(census)"), "source_kind": "dfe_statistics", "basis": "fte",
          ], version: 2))
      recentFigures.append((id, stream))
    }
    var quarter = 1
    while events.count < budget {
      let (from, to) = DayMathLite.quarter(year, quarter)
      for measure in ["turnover_rate", "agency_rate", "vacancy_rate", "recruits", "leavers"] where events.count < budget
      {
        let isRate = measure.hasSuffix("_rate")
        events.append(
          event(
            nextID("mi"), "workforce_figure", stream, valid: ValidTime(from: from, to: to),
            reported: DayMathLite.add(days: 45, to: to),
            data: [
              "measure": .string(measure),
              "value": .number(isRate ? percent(18, spread: 9) : Double(Int.random(in: 1...15, using: &random))),
              "unit": .string(isRate ? "percent" : "count"), "period": .string("\(from)..\(to)"),
              "source_kind": "local_mi",
            ], version: 2))
      }
      quarter = quarter % 4 + 1
      if quarter == 1 { break }
    }
    return events
  }

  mutating func auditEvents(_ year: Int, _ stream: String, budget: Int) -> [NewEvent] {
    var events: [NewEvent] = []
    outer: for quarter in 1...4 {
      let (from, to) = DayMathLite.quarter(year, quarter)
      for theme in GeneratorState.auditThemes {
        for (measure, center) in [
          ("percent_good_or_better", 35.0), ("percent_inadequate", 18.0),
          ("percent_requires_improvement_or_better", 80.0),
        ] {
          guard events.count < budget else { break outer }
          events.append(
            event(
              nextID("audit"), "audit_result", stream, valid: ValidTime(from: from, to: to),
              reported: DayMathLite.add(days: 60, to: to),
              data: [
                "theme": .string(theme), "measure": .string(measure), "value": .number(percent(center, spread: 12)),
                "unit": "percent",
                "n": .number(Double(Int.random(in: 8...60, using: &random))), "period": .string("\(from)..\(to)"),
              ]))
        }
      }
    }
    return events
  }

  mutating func indicatorEvents(_ year: Int, _ stream: String, budget: Int) -> [NewEvent] {
    var events: [NewEvent] = []
    var month = 1
    while events.count < budget {
      let from = day(year, month, 1)
      let to = DayMathLite.endOfMonth(year, month)
      for metric in GeneratorState.metrics where events.count < budget {
        let isCount = metric == "child_protection_plans" || metric == "children_in_care"
        events.append(
          event(
            nextID("kpi"), "performance_indicator", stream, valid: ValidTime(from: from, to: to),
            reported: DayMathLite.add(days: 20, to: to),
            data: [
              "metric": .string(metric),
              "value": .number(isCount ? Double(Int.random(in: 80...600, using: &random)) : percent(50, spread: 45)),
              "unit": .string(isCount ? "count" : "percent"), "period": .string(String(from.prefix(7))),
            ]))
      }
      month = month % 12 + 1
      if month == 1 && events.count < budget { continue }
    }
    return events
  }

  /// About 2% of figures corrected and 1% contradicted, pointing at this authority's earlier figures.
  mutating func correctionsAndContradictions(_ year: Int, _ stream: String) -> [NewEvent] {
    var events: [NewEvent] = []
    let mine = recentFigures.filter { $0.stream == stream }
    guard let target = mine.last else { return events }
    if chance(0.6) {
      events.append(
        event(
          nextID("fix"), "correction", stream, valid: nil, reported: day(year + 1, 3, 1),
          data: [
            "target": .string(target.id), "fields": ["value": .number(percent(16, spread: 8))],
            "reason": "revised in the next release",
          ]))
    }
    if chance(0.3) {
      let census = day(year, 9, 30)
      let other = nextID("claim")
      events.append(
        event(
          other, "workforce_figure", stream, valid: ValidTime(day: census), reported: day(year + 1, 1, 15),
          data: [
            "measure": "turnover_rate", "value": .number(percent(16, spread: 8)), "unit": "percent",
            "period": .string("as at \(census)"),
            "source_kind": "dfe_statistics", "basis": "fte",
          ], version: 2))
      events.append(
        event(
          nextID("conflict"), "sources_disagree", stream, valid: nil, reported: day(year + 1, 1, 15),
          data: [
            "events": [.string(target.id), .string(other)], "topic": "turnover at the census",
            "preferred": .string(target.id),
            "rule": "the DfE release is preferred to the committee paper",
          ]))
    }
    recentFigures.removeAll { $0.stream == stream }
    return events
  }

  /// England's and a region's annual benchmark figures.
  mutating func benchmarkYear(_ year: Int, area: Authority) -> [NewEvent] {
    let census = day(year, 9, 30)
    return [("turnover_rate", 15.0), ("agency_rate", 16.0), ("vacancy_rate", 17.0)].map { measure, center in
      event(
        nextID("bench"), "workforce_figure", area.stream, valid: ValidTime(day: census), reported: day(year + 1, 2, 27),
        data: [
          "measure": .string(measure), "value": .number(percent(center, spread: 2)), "unit": "percent",
          "period": .string("as at \(census)"),
          "source_kind": "dfe_statistics", "basis": "fte",
        ], version: 2)
    }
  }
}

/// Date helpers for the generator (valid ISO dates only).
enum DayMathLite {
  static func add(days: Int, to date: String) -> String {
    DayMath.iso(DayMath.dayNumber(date)! + days)
  }

  static func endOfMonth(_ year: Int, _ month: Int) -> String {
    String(format: "%04d-%02d-%02d", year, month, Day.length(ofMonth: month, year: year))
  }

  /// Financial-year quarter `q` (1 = April–June) of the year starting in April `year`.
  static func quarter(_ year: Int, _ q: Int) -> (String, String) {
    let period = Period.financialQuarter(startYear: year, quarter: q).interval
    return (period.from.iso, period.to.iso)
  }
}
