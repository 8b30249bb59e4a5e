import EventStore

/// One value of a measured series: a workforce figure, an audit result or an indicator.
public struct MeasurePoint: Sendable, Equatable, Codable {
  public var id: String
  /// The series it belongs to, e.g. `workforce/turnover_rate/local_mi`.
  public var series: String
  public var stream: String
  /// The period as written (`2021-22 Q4`, `as at 2022-09-30`).
  public var period: String
  public var from: String
  public var to: String
  /// The value, or nil when the source says it is not available.
  public var value: Double?
  public var unit: String
  /// `over`, `around`, … when the source qualifies the value.
  public var qualifier: String?
  /// Why the value is missing (`c: confidential`), when it is.
  public var notAvailable: String?
  /// The sample size, where stated (audits).
  public var n: Int?
  public var derived: Bool
  public var reported: String?
  /// The event's metadata as stored: the citation and quote are decoded from it only when shown.
  public var metaText: String
  /// Ids of points from other sources that disagree with this one.
  public var conflicts: [String]
  /// Ids of corrections applied.
  public var corrections: [String]

  /// The source document's file name and lines, in one line for tables.
  public var citation: String { Fact.provenance(metaText: metaText).citation }

  /// The verbatim quote from the source, if any.
  public var quote: String? { Fact.provenance(metaText: metaText).quote }

  /// The value with its unit and qualifier, as a person would write it (`16.8%`, `over 40%`).
  public var display: String {
    guard let value else { return "n/a" + (notAvailable.map { " (\($0))" } ?? "") }
    let number = value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.1f", value)
    let text: String
    switch unit {
    case "percent": text = number + "%"
    case "cases_per_worker": text = number + " cases"
    case "count", "": text = number
    default: text = number + " " + unit.replacingOccurrences(of: "_", with: " ")
    }
    return (qualifier.map { $0.replacingOccurrences(of: "_", with: " ") + " " } ?? "") + text
  }
}

/// Builds measure points from facts and groups them into series.
public enum MeasureSeries {
  /// The series key of a fact: kind, measure and the qualifiers that make series differ.
  public static func key(_ fact: Fact) -> String? {
    let d = fact.data
    switch fact.type {
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

  /// The point for a fact, or nil when it lacks a series or period.
  public static func point(_ fact: Fact, facts: FactSet) -> MeasurePoint? {
    guard let series = key(fact), let valid = fact.valid else { return nil }
    let d = fact.data
    let missing = d["not_available"].map { na in
      [na["code"]?.stringValue, na["reason"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
    }
    return MeasurePoint(
      id: fact.id, series: series, stream: fact.stream, period: d["period"]?.stringValue ?? valid.from,
      from: valid.from, to: valid.to, value: d["value"]?.numberValue, unit: d["unit"]?.stringValue ?? "",
      qualifier: d["qualifier"]?.stringValue, notAvailable: missing, n: d["n"]?.intValue,
      derived: d["derived"]?.boolValue ?? false, reported: fact.reported, metaText: fact.metaText,
      conflicts: facts.conflicts(of: fact.id).map(\.id), corrections: fact.corrections)
  }

  /// Every point of `stream` whose period had ended by `asOf` (all when nil), grouped by series,
  /// each series in period order.
  public static func series(_ facts: FactSet, stream: String, asOf: String? = nil) -> [String: [MeasurePoint]] {
    var result: [String: [MeasurePoint]] = [:]
    for fact in facts.current(stream: stream) where asOf == nil || (fact.valid.map { $0.to <= asOf! } ?? false) {
      guard let point = point(fact, facts: facts) else { continue }
      result[point.series, default: []].append(point)
    }
    return result.mapValues { $0.sorted { ($0.to, $0.from, $0.id) < ($1.to, $1.from, $1.id) } }
  }
}

/// Workforce figures per authority as series by measure and source kind, with benchmarks and a
/// stability index.
///
/// Lower is better for turnover, agency, vacancy and absence rates and for caseloads. Series of
/// different source kinds (DfE statistics, local management information, figures given to
/// Ofsted) are never merged. No interpolation between points.
public struct WorkforceStability: FactProjection {
  public static let name = "workforce-stability"
  public static let version = 2
  public static let summary = "workforce series (turnover, agency, vacancies, caseload, …) with stability index and benchmarks"
  public static let eventTypes: Set<String> = Set(["workforce_figure"]).union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
  }

  /// The rates that make up the stability index.
  public static let indexMeasures = ["turnover_rate", "agency_rate", "vacancy_rate"]
}

/// The stability index for one period: 100 minus the mean of the core rates.
public struct StabilityPoint: Sendable, Equatable, Codable {
  public var period: String
  public var to: String
  public var sourceKind: String
  public var index: Double
  /// Measure → rate used.
  public var components: [String: Double]
  public var evidence: [String]
}

/// How the latest value of a series moved from the one before.
public struct Trend: Sendable, Equatable, Codable {
  public var series: String
  public var latest: MeasurePoint
  public var previous: MeasurePoint?
  public var change: Double?
  /// `better`, `worse`, `unchanged` or `single point`.
  public var direction: String
}

extension WorkforceStability.State {
  /// Series for `stream` (see `MeasureSeries.series`).
  public func series(stream: String, asOf: String? = nil) -> [String: [MeasurePoint]] {
    MeasureSeries.series(facts, stream: stream, asOf: asOf)
  }

  /// The stability index per period and source kind where at least two of the three core rates
  /// are known for the same period: `100 − mean(turnover, agency rate, vacancy rate)`.
  public func stabilityIndex(stream: String, asOf: String? = nil) -> [StabilityPoint] {
    var byPeriod: [String: (period: String, to: String, kind: String, rates: [String: Double], ids: [String])] = [:]
    for (key, points) in series(stream: stream, asOf: asOf) {
      let parts = key.split(separator: "/").map(String.init)
      guard parts.count == 3, WorkforceStability.indexMeasures.contains(parts[1]) else { continue }
      for point in points where point.unit == "percent" {
        guard let value = point.value, point.qualifier == nil else { continue }
        let slot = "\(parts[2])|\(point.from)|\(point.to)"
        var entry = byPeriod[slot] ?? (point.period, point.to, parts[2], [:], [])
        entry.rates[parts[1]] = value
        entry.ids.append(point.id)
        byPeriod[slot] = entry
      }
    }
    return byPeriod.values.filter { $0.rates.count >= 2 }.map { entry in
      let mean = entry.rates.values.reduce(0, +) / Double(entry.rates.count)
      return StabilityPoint(
        period: entry.period, to: entry.to, sourceKind: entry.kind, index: ((100 - mean) * 10).rounded() / 10,
        components: entry.rates, evidence: entry.ids.sorted())
    }.sorted { ($0.to, $0.sourceKind) < ($1.to, $1.sourceKind) }
  }

  /// The latest movement of every series of `stream`.
  public func trends(stream: String, asOf: String? = nil) -> [Trend] {
    series(stream: stream, asOf: asOf).keys.sorted().compactMap { key in
      MeasureTrend.trend(series(stream: stream, asOf: asOf)[key] ?? [], series: key)
    }
  }
}

/// Trend of a series: the latest known value against the previous one.
public enum MeasureTrend {
  /// Lower values are better for these measures.
  public static let lowerIsBetter: Set<String> = [
    "turnover_rate", "agency_rate", "vacancy_rate", "caseload", "absence_rate", "percent_inadequate", "re_referrals",
    "leavers", "vacancies", "working_days_lost",
  ]

  public static func trend(_ points: [MeasurePoint], series: String) -> Trend? {
    let known = points.filter { $0.value != nil }
    guard let latest = known.last else { return nil }
    let previous = known.dropLast().last { $0.to < latest.to }
    guard let previous, let a = previous.value, let b = latest.value else {
      return Trend(series: series, latest: latest, previous: nil, change: nil, direction: "single point")
    }
    let change = ((b - a) * 10).rounded() / 10
    let lowerBetter = series.split(separator: "/").contains { lowerIsBetter.contains(String($0)) }
    let direction = change == 0 ? "unchanged" : (change < 0) == lowerBetter ? "better" : "worse"
    return Trend(series: series, latest: latest, previous: previous, change: change, direction: direction)
  }
}

/// Case-file audit results per quarter and theme.
public struct AuditQuality: FactProjection {
  public static let name = "audit-quality"
  public static let version = 2
  public static let summary = "case-file audit results by period, theme and measure (% good, % RI or better, % inadequate)"
  public static let eventTypes: Set<String> = Set(["audit_result"]).union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
  }
}

extension AuditQuality.State {
  /// Every audit result of `stream` whose period had ended by `asOf`, in period order.
  public func results(stream: String, asOf: String? = nil) -> [MeasurePoint] {
    MeasureSeries.series(facts, stream: stream, asOf: asOf).values.flatMap { $0 }
      .sorted { ($0.from, $0.series, $0.id) < ($1.from, $1.series, $1.id) }
  }
}

/// Every measured fact (workforce figures, audit results, indicators), for before/after
/// comparisons around a visit.
public struct AllMeasures: FactProjection {
  public static let name = "measures"
  public static let version = 2
  public static let summary = "every workforce figure, audit result and indicator, for before/after comparisons"
  public static let eventTypes: Set<String> = Set(["workforce_figure", "audit_result", "performance_indicator"])
    .union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
    /// A view over facts gathered elsewhere (the evidence projection holds every measure too).
    public init(facts: FactSet) { self.facts = facts }
  }
}

/// Every fact of every domain type, with corrections and disagreements applied: the evidence
/// behind reports, the conflicts between sources, and `journey log`.
public struct Evidence: FactProjection {
  public static let name = "evidence"
  public static let version = 2
  public static let summary = "every fact with its source, corrections and disagreements (log, conflicts, evidence appendix)"
  public static let factTypes: Set<String> = VisitTimeline.timelineTypes.union(AllMeasures.eventTypes)
  public static let eventTypes: Set<String> = factTypes.union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
  }

  public func apply(_ event: EventEnvelope, to state: inout State) {
    state.facts.absorb(event, types: Self.factTypes)
  }
}
