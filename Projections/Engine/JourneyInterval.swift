/// The days between two steps of a journey: visit to visit, visit to letter, fieldwork to
/// report, inspection to inspection.
public struct JourneyInterval: Sendable, Equatable, Codable {
  /// What the interval measures.
  public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
    /// From the end of one monitoring visit's fieldwork to the start of the next one's.
    case betweenMonitoringVisits = "between monitoring visits"
    /// From the end of a visit's fieldwork to the date of its letter.
    case visitToLetter = "visit to letter"
    /// From the end of an inspection's fieldwork to the publication of its report.
    case fieldworkToReport = "fieldwork to report"
    /// From the end of one graded inspection's fieldwork to the start of the next one's.
    case betweenInspections = "between inspections"
  }

  public var kind: Kind
  /// The facts at either end.
  public var fromID: String
  public var toID: String
  public var from: String
  public var to: String
  public var days: Int
  /// Whether this is the longest interval of its kind.
  public var longest: Bool
}

extension VisitTimeline.State {
  /// Every interval of `stream` whose both ends had happened by `asOf` (all when nil), in date
  /// order within each kind, the longest of each kind (with more than one) marked.
  public func intervals(stream: String, asOf: String? = nil) -> [JourneyInterval] {
    let date = asOf ?? "9999-12-31"
    let visits = monitoringVisits(stream: stream, asOf: asOf).compactMap { entry in facts[id: entry.id] }
    let inspections = self.inspections(stream: stream).filter { $0.fieldworkStart <= date }
    var all: [JourneyInterval] = []
    all += betweenVisits(visits)
    all += lettersAfterVisits(stream: stream, asOf: asOf)
    all += inspections.compactMap { i in
      i.published.flatMap { interval(.fieldworkToReport, i.id, i.fieldworkEnd, i.id, $0) }
    }
    let graded = inspections.filter(\.isGraded)
    all += zip(graded, graded.dropFirst()).compactMap {
      interval(.betweenInspections, $0.id, $0.fieldworkEnd, $1.id, $1.fieldworkStart)
    }
    return Self.markLongest(all.filter { $0.to <= date })
  }

  private func betweenVisits(_ visits: [Fact]) -> [JourneyInterval] {
    zip(visits, visits.dropFirst()).compactMap { a, b in
      guard let end = a.valid?.to, let start = b.valid?.from else { return nil }
      return interval(.betweenMonitoringVisits, a.id, end, b.id, start)
    }
  }

  /// Monitoring and focused visits with a letter date, one per visit.
  private func lettersAfterVisits(stream: String, asOf: String?) -> [JourneyInterval] {
    var seen: Set<String> = []
    return entries(stream: stream, asOf: asOf, types: ["monitoring_visit", "focused_visit"]).compactMap { entry in
      guard let fact = facts[id: entry.id], let letter = fact.data["letter_date"]?.stringValue,
        let end = fact.valid?.to,
        seen.insert(fact.type + entry.date).inserted
      else { return nil }
      return interval(.visitToLetter, fact.id, end, fact.id, letter)
    }
  }

  private func interval(_ kind: JourneyInterval.Kind, _ fromID: String, _ from: String, _ toID: String, _ to: String)
    -> JourneyInterval?
  {
    DayMath.days(from: from, to: to).map {
      JourneyInterval(kind: kind, fromID: fromID, toID: toID, from: from, to: to, days: $0, longest: false)
    }
  }

  /// Marks the longest interval of each kind that has more than one (the first, on a tie).
  static func markLongest(_ intervals: [JourneyInterval]) -> [JourneyInterval] {
    var result = intervals
    for kind in JourneyInterval.Kind.allCases {
      let slots = result.indices.filter { result[$0].kind == kind }
      guard slots.count > 1,
        let top = slots.max(by: { result[$0].days < result[$1].days || (result[$0].days == result[$1].days && $0 > $1) }
        )
      else { continue }
      result[top].longest = true
    }
    return result
  }
}
