import EventStore
import Foundation

/// An explainable re-inspection readiness score from 0 to 100 on any date.
///
/// No official score exists; this is an evidence profile with weights (docs/PROJECTIONS.md).
/// Each component scores 0–100 from facts known to the replay and names the events behind it;
/// a component with no evidence is left out and the others' weights are rescaled.
public struct Readiness: Projection {
  public static let name = "readiness"
  public static let version = 2
  public static let summary = "explainable re-inspection readiness score (0-100) with weighted components"
  public static let eventTypes: Set<String> = JudgementHistory.eventTypes.union(VisitTimeline.eventTypes)
    .union(WorkforceStability.eventTypes).union(AuditQuality.eventTypes)

  public init() {}

  public struct State: Sendable, Equatable, Codable, CheckpointCoding {
    public var judgements = JudgementHistory.State()
    public var timeline = VisitTimeline.State()
    public var workforce = WorkforceStability.State()
    public var audits = AuditQuality.State()
    public init() {}

    public func encodeCheckpoint(into writer: inout CheckpointWriter) {
      for part in [judgements.facts, timeline.facts, workforce.facts, audits.facts] { part.encodeCheckpoint(into: &writer) }
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
    if JudgementHistory.eventTypes.contains(event.type) { JudgementHistory().apply(event, to: &state.judgements) }
    if VisitTimeline.eventTypes.contains(event.type) { VisitTimeline().apply(event, to: &state.timeline) }
    if WorkforceStability.eventTypes.contains(event.type) { WorkforceStability().apply(event, to: &state.workforce) }
    if AuditQuality.eventTypes.contains(event.type) { AuditQuality().apply(event, to: &state.audits) }
  }

  /// The components and their weights (sum 100).
  public static let weights: [(String, Double)] = [
    ("judgements", 20), ("monitoring_visits", 15), ("monitoring_findings", 15), ("audit_quality", 20),
    ("workforce_stability", 15), ("time_since_inspection", 15),
  ]

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
  /// 0–100, the weighted mean of the components with evidence; nil when none has any.
  public var score: Double?
  public var components: [ReadinessComponent]
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
    let total = weight > 0 ? scored.reduce(0) { $0 + $1.weight * $1.value! } / weight : nil
    return ReadinessScore(
      stream: stream, date: date, score: total.map { ($0 * 10).rounded() / 10 }, components: components)
  }

  private func component(_ name: String, _ value: Double?, _ explanation: String, _ evidence: [String]) -> ReadinessComponent {
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
    guard summary.lastGradedInspection != nil else { return component("monitoring_visits", nil, "no graded inspection", []) }
    let count = summary.monitoringVisits.count
    return component(
      "monitoring_visits", 100 * min(Double(count), 4) / 4,
      "\(count) monitoring visit\(count == 1 ? "" : "s") since the last graded inspection (4 or more usual before re-inspection)",
      summary.monitoringVisits.map(\.id))
  }

  /// Words of progress and of concern in the latest monitoring visit's findings.
  private func findingsComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    guard let latest = timeline.monitoring(stream: stream, on: date).monitoringVisits.last, !latest.details.isEmpty else {
      return component("monitoring_findings", nil, "no monitoring-visit findings", [])
    }
    let text = latest.details.joined(separator: " ").lowercased()
    let positive = FindingsTone.positive.filter { text.contains($0) }
    let negative = FindingsTone.negative.filter { text.contains($0) }
    let value = positive.isEmpty && negative.isEmpty ? 50 : 100 * Double(positive.count) / Double(positive.count + negative.count)
    return component(
      "monitoring_findings", value,
      "latest visit (\(latest.date)): progress terms [\(positive.joined(separator: ", "))], concern terms [\(negative.joined(separator: ", "))]",
      [latest.id])
  }

  /// The latest audit share judged good or better (else 100 − % inadequate).
  private func auditComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    let results = audits.results(stream: stream, asOf: date).filter { $0.value != nil }
    if let good = results.last(where: { $0.series.hasSuffix("/percent_good_or_better") }) {
      return component("audit_quality", good.value, "latest audits \(good.period): \(good.display) good or better", [good.id])
    }
    if let bad = results.last(where: { $0.series.hasSuffix("/percent_inadequate") }) {
      return component("audit_quality", 100 - bad.value!, "latest audits \(bad.period): \(bad.display) inadequate", [bad.id])
    }
    return component("audit_quality", nil, "no audit results", [])
  }

  /// The latest stability index (100 − mean of turnover, agency and vacancy rates).
  private func workforceComponent(_ stream: String, _ date: String) -> ReadinessComponent {
    guard let latest = workforce.stabilityIndex(stream: stream, asOf: date).last else {
      return component("workforce_stability", nil, "no period with two or more of turnover, agency and vacancy rates", [])
    }
    let rates = latest.components.keys.sorted().map { "\($0) \(latest.components[$0]!)%" }.joined(separator: ", ")
    return component(
      "workforce_stability", latest.index, "stability index \(latest.index) for \(latest.period) (\(latest.sourceKind)): \(rates)",
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
