import EventStore
import Foundation

/// An explainable re-inspection readiness profile on any date, with a score from 0 to 100 only
/// when enough of it rests on evidence.
///
/// No official score exists; this is an evidence profile with weights (docs/PROJECTIONS.md).
/// Each component scores 0–100 from facts known to the replay and names the events behind it.
/// The profile says how many of the six components have evidence; a single score is given only
/// when at least `minimumComponents` do (the others' weights are then rescaled).
public struct Readiness: Projection {
  public static let name = "readiness"
  public static let version = 2
  public static let summary = "explainable re-inspection readiness score (0-100) with weighted components"
  public static let eventTypes: Set<String> = JudgementHistory.eventTypes.union(VisitTimeline.eventTypes)
    .union(WorkforceStability.eventTypes).union(AuditQuality.eventTypes)

  public init() {}

  public struct State: Sendable, Equatable, Codable, CheckpointCoding, FactSourceAttaching {
    public var judgements = JudgementHistory.State()
    public var timeline = VisitTimeline.State()
    public var workforce = WorkforceStability.State()
    public var audits = AuditQuality.State()
    public init() {}

    public func encodeCheckpoint(into writer: inout CheckpointWriter) {
      for part in [judgements.facts, timeline.facts, workforce.facts, audits.facts] {
        part.encodeCheckpoint(into: &writer)
      }
    }

    public mutating func attach(_ source: FactSource) {
      judgements.attach(source)
      timeline.attach(source)
      workforce.attach(source)
      audits.attach(source)
    }

    public init(checkpoint reader: inout CheckpointReader) throws {
      judgements.facts = try FactSet(checkpoint: &reader)
      timeline.facts = try FactSet(checkpoint: &reader)
      workforce.facts = try FactSet(checkpoint: &reader)
      audits.facts = try FactSet(checkpoint: &reader)
    }
  }

  public var initialState: State { State() }

  public func apply(_ event: EventEnvelope, to state: inout State) {
    let parts = Readiness.partsByType[event.type] ?? []
    if parts.contains(.judgements) { JudgementHistory().apply(event, to: &state.judgements) }
    if parts.contains(.timeline) { VisitTimeline().apply(event, to: &state.timeline) }
    if parts.contains(.workforce) { WorkforceStability().apply(event, to: &state.workforce) }
    if parts.contains(.audits) { AuditQuality().apply(event, to: &state.audits) }
  }

  /// The four views readiness repeats.
  private enum Part { case judgements, timeline, workforce, audits }

  /// The views each event type goes to: one lookup an event instead of one per view.
  private static let partsByType: [String: [Part]] = {
    var parts: [String: [Part]] = [:]
    for (part, types) in [
      (Part.judgements, JudgementHistory.eventTypes), (.timeline, VisitTimeline.eventTypes),
      (.workforce, WorkforceStability.eventTypes), (.audits, AuditQuality.eventTypes),
    ] {
      for type in types { parts[type, default: []].append(part) }
    }
    return parts
  }()

  /// The components and their weights (sum 100).
  public static let weights: [(String, Double)] = [
    ("judgements", 20), ("monitoring_visits", 15), ("monitoring_findings", 15), ("audit_quality", 20),
    ("workforce_stability", 15), ("time_since_inspection", 15),
  ]

  /// The fewest components with evidence for which a single score is given (4 of 6): below it a
  /// score would rest on too little (Bury's one audit theme is not a readiness score).
  public static let minimumComponents = 4

  /// The audit themes that stand for all audits, not one theme or a dip sample.
  public static let overallAuditThemes: Set<String> = ["all_audits", "overall"]

  /// The usual window before a re-inspection after a graded inspection, in days (about three years).
  public static let usualWindowDays = 3 * 365
}

/// One scored component of readiness.
public struct ReadinessComponent: Sendable, Equatable, Codable {
  public var name: String
  public var weight: Double
  /// 0–100, or nil when there is no evidence.
  public var value: Double?
  /// How the value was reached, in words.
  public var explanation: String
  public var evidence: [String]
}

/// The readiness score on a date.
public struct ReadinessScore: Sendable, Equatable, Codable {
  public var stream: String
  public var date: String
  /// 0–100, the weighted mean of the components with evidence; nil when fewer than
  /// `Readiness.minimumComponents` have any.
  public var score: Double?
  public var components: [ReadinessComponent]

  /// How many components have evidence.
  public var componentsWithEvidence: Int { components.filter { $0.value != nil }.count }

  /// `3 of 6 components have evidence`, and why there is no score when there is none.
  public var evidenceSummary: String {
    let count = "\(componentsWithEvidence) of \(components.count) components have evidence"
    guard score == nil else { return count }
    return count + "; a single score needs at least \(Readiness.minimumComponents)"
  }
}

extension Readiness.State {
  /// The readiness of `stream` on `date`.
  public func score(stream: String, on date: String) -> ReadinessScore {
    let components = [
      judgementComponent(stream, date), visitCountComponent(stream, date), findingsComponent(stream, date),
      auditComponent(stream, date), workforceComponent(stream, date), timeComponent(stream, date),
    ]
    let scored = components.filter { $0.value != nil }
    let weight = scored.reduce(0) { $0 + $1.weight }
    let enough = scored.count >= Readiness.minimumComponents && weight > 0
    let total = enough ? scored.reduce(0) { $0 + $1.weight * $1.value! } / weight : nil
    return ReadinessScore(
      stream: stream, date: date, score: total.map { ($0 * 10).rounded() / 10 }, components: components)
  }

  private func component(_ name: String, _ value: Double?, _ explanation: String, _ evidence: [String])
    -> ReadinessComponent
  {
    let weight = Readiness.weights.first { $0.0 == name }!.1
    return ReadinessComponent(
      name: name, weight: weight, value: value.map { (min(100, max(0, $0)) * 10).rounded() / 10 },
      explanation: explanation, evidence: evidence)
  }

  /// Share of areas in force at "Requires improvement to be good" or better.
  private func judgementComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    guard let inForce = judgements.inForce(stream: stream, on: date) else {
      return component("judgements", nil, "no published judgement in force", [])
    }
    let ranks = inForce.inspection.judgements.values.compactMap(Grades.rank)
    let ok = ranks.filter { $0 <= 3 }.count
    return component(
      "judgements", ranks.isEmpty ? nil : 100 * Double(ok) / Double(ranks.count),
      "\(ok) of \(ranks.count) areas in force (since \(inForce.since)) are RI or better", inForce.inspection.evidence)
  }

  /// Monitoring visits since the last graded inspection against the 4 usually held before re-inspection.
  private func visitCountComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    let summary = timeline.monitoring(stream: stream, on: date)
    guard summary.lastGradedInspection != nil else {
      return component("monitoring_visits", nil, "no graded inspection", [])
    }
    let count = summary.monitoringVisits.count
    return component(
      "monitoring_visits", 100 * min(Double(count), 4) / 4,
      "\(count) monitoring visit\(count == 1 ? "" : "s") since the last graded inspection (4 or more usual before re-inspection)",
      summary.monitoringVisits.map(\.id))
  }

  /// The latest monitoring visit's finding: the letter's own (`finding`) where the event records
  /// it, else classified from its findings (`FindingClassifier`); progress 100, mixed 50, concern 0.
  private func findingsComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    guard let latest = timeline.monitoring(stream: stream, on: date).monitoringVisits.last else {
      return component("monitoring_findings", nil, "no monitoring visit since the last graded inspection", [])
    }
    let data = timeline.facts[id: latest.id]?.data
    if let stated = data?["finding"]?.stringValue.flatMap(VisitFinding.init(rawValue:)) {
      let quote = data?["finding_quote"]?.stringValue.map { ": “\($0)”" } ?? ""
      return component(
        "monitoring_findings", stated.score,
        "latest visit (\(latest.date)): \(stated.rawValue), the letter's own finding\(quote)",
        [latest.id])
    }
    guard let classified = FindingClassifier.classify(latest.details) else {
      return component("monitoring_findings", nil, "latest visit (\(latest.date)): no finding recorded", [latest.id])
    }
    return component(
      "monitoring_findings", classified.score,
      "latest visit (\(latest.date)): \(classified.rawValue), classified from its findings (the letter's own finding is not recorded)",
      [latest.id])
  }

  /// The latest overall audit result (theme `all_audits`).
  ///
  /// % good or better, else % RI or better, else 100 − % inadequate. Results of one theme or a
  /// dip sample never stand for all audits.
  private func auditComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    let overall = audits.results(stream: stream, asOf: date).filter { point in
      point.value != nil
        && Readiness.overallAuditThemes.contains(
          point.series.split(separator: "/").dropFirst().first.map(String.init) ?? "")
    }
    for (measure, words, invert) in [
      ("percent_good_or_better", "good or better", false),
      ("percent_requires_improvement_or_better", "RI or better", false),
      ("percent_inadequate", "inadequate", true),
    ] {
      guard
        let latest = overall.filter({ $0.series.hasSuffix("/" + measure) }).max(by: { ($0.to, $0.id) < ($1.to, $1.id) })
      else { continue }
      let value = invert ? 100 - latest.value! : latest.value!
      return component("audit_quality", value, "all audits \(latest.period): \(latest.display) \(words)", [latest.id])
    }
    return component("audit_quality", nil, "no overall audit result (results of single themes are not used)", [])
  }

  /// The latest stability index (100 − mean of turnover, agency and vacancy rates).
  private func workforceComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    guard let latest = workforce.stabilityIndex(stream: stream, asOf: date).last else {
      return component(
        "workforce_stability", nil, "no period with two or more of turnover, agency and vacancy rates", [])
    }
    let rates = latest.components.keys.sorted().map { "\($0) \(latest.components[$0]!)%" }.joined(separator: ", ")
    return component(
      "workforce_stability", latest.index,
      "stability index \(latest.index) for \(latest.period) (\(latest.sourceKind)): \(rates)",
      latest.evidence)
  }

  /// Time since the last graded inspection's fieldwork against the usual three-year window.
  private func timeComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    let summary = timeline.monitoring(stream: stream, on: date)
    guard let days = summary.daysSinceLastGraded, let id = summary.lastGradedInspection else {
      return component("time_since_inspection", nil, "no graded inspection", [])
    }
    return component(
      "time_since_inspection", 100 * Double(days) / Double(Readiness.usualWindowDays),
      "\(DayMath.describe(days: days)) since fieldwork ended \(summary.lastGradedFieldworkEnd ?? "") (usual window about 3 years)",
      [id])
  }
}
