import EventStore

/// Visits, interventions and milestones per authority, in date order, with what they found.
///
/// Also answers: how many monitoring visits since the last graded inspection, and how long
/// since that inspection.
public struct VisitTimeline: FactProjection {
  public static let name = "visit-timeline"
  public static let version = 2
  public static let summary = "inspections, visits, cancellations, DfE reviews, notices and milestones in date order"
  public static let timelineTypes: Set<String> = [
    "ilacs_inspection", "monitoring_visit", "focused_visit", "jtai", "send_area_inspection",
    "annual_engagement_meeting", "visit_scheduled", "visit_cancelled", "dfe_review", "intervention", "plan_milestone",
  ]
  public static let eventTypes: Set<String> = timelineTypes.union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
  }
}

/// One line of an authority's journey.
public struct TimelineEntry: Sendable, Equatable, Codable {
  public var id: String
  public var type: String
  public var date: String
  public var end: String?
  /// A one-line description built from the payload.
  public var title: String
  /// Findings, conclusions or other detail lines.
  public var details: [String]
  public var reported: String?
  public var citation: String
  /// The source document's title and part (`Document › part`), when the event gives them.
  public var sourceTitle: String?
  public var quote: String?
  /// Ids of facts from other sources that disagree with this one.
  public var conflicts: [String]
}

/// Monitoring since the last graded inspection, on a date.
public struct MonitoringSummary: Sendable, Equatable, Codable {
  public var date: String
  public var lastGradedInspection: String?
  public var lastGradedFieldworkEnd: String?
  public var daysSinceLastGraded: Int?
  public var monitoringVisits: [TimelineEntry]
}

extension VisitTimeline.State {
  /// The journey of `stream`, in date order, up to `asOf` when given.
  public func entries(stream: String, asOf: String? = nil, types: Set<String>? = nil) -> [TimelineEntry] {
    facts.current(stream: stream) { types?.contains($0.type) ?? true }
      .compactMap { fact in TimelineEntry(fact: fact, conflicts: facts.conflicts(of: fact.id).map(\.id)) }
      .filter { asOf == nil || $0.date <= asOf! }
      .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
  }

  /// Monitoring visits since the last graded inspection whose judgements had taken effect by
  /// `date` (on publication: see `InspectionView.effective`), one per visit.
  public func monitoring(stream: String, on date: String) -> MonitoringSummary {
    let graded = inspections(stream: stream).filter { $0.isGraded && $0.effective(.publication) <= date }.last
    let since = graded?.fieldworkEnd
    let visits = monitoringVisits(stream: stream, asOf: date).filter { since == nil || $0.date > since! }
    return MonitoringSummary(
      date: date, lastGradedInspection: graded?.id, lastGradedFieldworkEnd: since,
      daysSinceLastGraded: since.flatMap { DayMath.days(from: $0, to: date) }, monitoringVisits: visits)
  }

  /// The inspections of `stream` as the judgement history merges them (one per fieldwork start).
  public func inspections(stream: String) -> [InspectionView] {
    var history = JudgementHistory.State()
    history.facts = facts
    return history.inspections(stream: stream)
  }

  /// The monitoring visits of `stream` by `asOf`, one per visit.
  ///
  /// Facts about the same visit (same fieldwork start: a letter and the minutes that report it)
  /// count once.
  public func monitoringVisits(stream: String, asOf: String? = nil) -> [TimelineEntry] {
    var seen: Set<String> = []
    return entries(stream: stream, asOf: asOf, types: ["monitoring_visit"]).filter { seen.insert($0.date).inserted }
  }
}

extension TimelineEntry {
  /// Builds the entry for a fact, or nil when it has no date.
  init?(fact: Fact, conflicts: [String]) {
    guard let date = fact.valid?.from ?? fact.data["date"]?.stringValue else { return nil }
    let d = fact.data
    let provenance = fact.provenance
    self.init(
      id: fact.id, type: fact.type, date: date, end: fact.valid.flatMap { $0.to == $0.from ? nil : $0.to },
      title: TimelineEntry.title(fact.type, d), details: TimelineEntry.details(d), reported: fact.reported,
      citation: provenance.citation, sourceTitle: fact.sourceTitle, quote: provenance.quote, conflicts: conflicts)
  }

  /// A one-line description of an event of `type` with payload `d`.
  public static func title(_ type: String, _ d: JSON) -> String {
    func s(_ key: String) -> String? { d[key]?.stringValue }
    let ordinal = d["ordinal"]?.intValue.map { " \($0)" } ?? ""
    switch type {
    case "ilacs_inspection":
      let grade = d["judgements"]?["overall_effectiveness"]?.stringValue.map { ": overall \($0)" } ?? ""
      let kind = s("inspection_type") == "sif" ? "Single inspection framework" : "ILACS \(s("inspection_type") ?? "")"
      return "\(kind) inspection\(grade)" + (s("published").map { " (published \($0))" } ?? "")
    case "monitoring_visit":
      let focus = d["focus"]?.arrayValue?.compactMap(\.stringValue).joined(separator: "; ") ?? ""
      return "Monitoring visit\(ordinal): \(focus)" + (s("letter_date").map { " (letter \($0))" } ?? "")
    case "focused_visit":
      return "Focused visit: \(s("theme") ?? "")" + (s("letter_date").map { " (letter \($0))" } ?? "")
    case "jtai": return "Joint targeted area inspection: \(s("theme") ?? "")"
    case "send_area_inspection":
      return "SEND area inspection: \(s("outcome")?.replacingOccurrences(of: "_", with: " ") ?? "")"
        + (d["priority_actions"]?.intValue.map { ", \($0) priority actions" } ?? "")
    case "annual_engagement_meeting": return "Annual engagement meeting" + (s("summary").map { ": \($0)" } ?? "")
    case "visit_scheduled":
      return
        "Scheduled: \(s("visit_kind")?.replacingOccurrences(of: "_", with: " ") ?? "visit")\(ordinal) (\(s("planned") ?? ""))"
    case "visit_cancelled":
      let verb = d["postponed"]?.boolValue == true ? "Postponed" : "Cancelled"
      return
        "\(verb): \(s("visit_kind")?.replacingOccurrences(of: "_", with: " ") ?? "visit") (\(s("reason") ?? "no reason given"))"
    case "dfe_review": return "DfE \(s("review_kind")?.replacingOccurrences(of: "_", with: " ") ?? "review")"
    case "intervention":
      return
        "\(s("instrument")?.replacingOccurrences(of: "_", with: " ").capitalizedFirst ?? "Intervention") \(s("action") ?? "")"
        + (s("service_area").map { " (\($0.replacingOccurrences(of: "_", with: " ")))" } ?? "")
    case "plan_milestone": return "Milestone: \(s("description") ?? s("milestone") ?? "")"
    default: return type
    }
  }

  static func details(_ d: JSON) -> [String] {
    for key in ["findings", "conclusions"] {
      if let lines = d[key]?.arrayValue?.compactMap(\.stringValue), !lines.isEmpty { return lines }
    }
    return d["summary"]?.stringValue.map { [$0] } ?? []
  }
}

extension String {
  /// The string with its first letter upper-cased.
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
