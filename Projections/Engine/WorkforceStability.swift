import EventStore

/// Workforce figures per authority as series by measure and source kind, with benchmarks and a
/// stability index.
///
/// Lower is better for turnover, agency, vacancy and absence rates and for caseloads. Series of
/// different source kinds (DfE statistics, local management information, figures given to
/// Ofsted) are never merged. No interpolation between points.
public struct WorkforceStability: FactProjection {
  public static let name = "workforce-stability"
  public static let version = 2
  public static let summary =
    "workforce series (turnover, agency, vacancies, caseload, …) with stability index and benchmarks"
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
