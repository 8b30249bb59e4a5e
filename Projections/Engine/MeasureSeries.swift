import EventStore

/// Builds measure points from facts and groups them into series.
public enum MeasureSeries {
  /// The series key of a fact: kind, measure and the qualifiers that make series differ.
  public static func key(_ fact: Fact) -> String? { key(type: fact.type, data: fact.data) }

  /// The series key of a fact of `type` whose payload is `d` (decoded once by the caller).
  static func key(type: String, data d: JSON) -> String? {
    switch type {
    case "workforce_figure":
      guard let measure = d["measure"]?.stringValue else { return nil }
      let scope = d["scope"]?.stringValue.map { "/" + $0 } ?? ""
      let basis = d["basis"]?.stringValue == "headcount" ? "/headcount" : ""
      return "workforce/\(measure)/\(d["source_kind"]?.stringValue ?? "unknown")\(scope)\(basis)"
    case "audit_result":
      guard let measure = d["measure"]?.stringValue else { return nil }
      return "audit/\(d["theme"]?.stringValue ?? "all_audits")/\(measure)"
    case "performance_indicator":
      guard let metric = d["metric"]?.stringValue else { return nil }
      return "indicator/\(metric)" + (d["scope"]?.stringValue.map { "/" + $0 } ?? "")
    default: return nil
    }
  }

  /// Whether a figure counts on `date`: its period had ended, or it is "as at" its report date.
  ///
  /// A figure reported within its own period (a year-to-date figure for 2024-25 reported on
  /// 2024-09-17) counts from that report date.
  public static func isVisible(_ fact: Fact, on date: String) -> Bool {
    guard let valid = fact.valid else { return false }
    if valid.to <= date { return true }
    guard let reported = fact.reported else { return false }
    return reported <= date && reported >= valid.from
  }

  /// The point for a fact, or nil when it lacks a series or period.
  public static func point(_ fact: Fact, facts: FactSet) -> MeasurePoint? {
    guard let valid = fact.valid else { return nil }
    let d = fact.data  // decoded once: facts keep their payload as the record's text
    guard let series = key(type: fact.type, data: d) else { return nil }
    let missing = d["not_available"].map { na in
      [na["code"]?.stringValue, na["reason"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
    }
    return MeasurePoint(
      id: fact.id, series: series, stream: fact.stream, period: d["period"]?.stringValue ?? valid.from,
      from: valid.from, to: valid.to, value: d["value"]?.numberValue, unit: d["unit"]?.stringValue ?? "",
      qualifier: d["qualifier"]?.stringValue, notAvailable: missing, n: d["n"]?.intValue,
      derived: d["derived"]?.boolValue ?? false, reported: fact.reported, metaText: fact.metaText,
      conflicts: facts.conflicts(of: fact.id).map(\.id), corrections: fact.corrections,
      change: fact.claims.isEmpty ? nil : fact.changeDescription, valueHigh: d["value_high"]?.numberValue)
  }

  /// Every point of `stream` visible on `asOf` (all when nil; see `isVisible`), grouped by series,
  /// each series in period order.
  public static func series(_ facts: FactSet, stream: String, asOf: String? = nil) -> [String: [MeasurePoint]] {
    var result: [String: [MeasurePoint]] = [:]
    for fact in facts.current(stream: stream) where asOf == nil || isVisible(fact, on: asOf!) {
      guard let point = point(fact, facts: facts) else { continue }
      result[point.series, default: []].append(point)
    }
    return result.mapValues { $0.sorted { ($0.to, $0.from, $0.id) < ($1.to, $1.from, $1.id) } }
  }
}
