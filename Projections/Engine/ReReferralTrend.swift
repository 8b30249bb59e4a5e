import EventStore

/// The re-referral rate of each authority over time, with the change between readings.
///
/// Re-referrals are referrals within 12 months of a previous one; a falling rate suggests that
/// help offered the first time worked. Reads `performance_indicator` events whose metric is
/// `re_referrals` (corrections, retractions and disagreements apply as everywhere).
/// docs/ADDING-A-PROJECTION.md builds this projection step by step.
public struct ReReferralTrend: FactProjection, ShownProjection {
  public static let name = "re-referral-trend"
  public static let version = 2
  public static let summary = "re-referral rate per authority over time, with the change between readings"
  public static let eventTypes: Set<String> = Set(["performance_indicator"]).union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
  }

  public func apply(_ event: EventEnvelope, to state: inout State) {
    guard FactSet.correctingTypes.contains(event.type) || event.fact.string("metric") == "re_referrals" else {
      return
    }
    state.facts.absorb(event, types: Self.eventTypes)
  }

  public static let columns = ["period", "rate", "change_points", "source"]

  /// One row per reading: the period, the rate as stated, the change in points, the citation.
  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.readings(stream: stream, asOf: date).map { reading in
      [
        .string(reading.point.period), .string(reading.point.display), reading.change.map(JSON.number) ?? .null,
        .string(reading.point.citation),
      ]
    }
  }
}

/// One reading of the re-referral rate and how it moved from the previous one.
public struct ReReferralReading: Sendable, Equatable, Codable {
  public var point: MeasurePoint
  /// Percentage points since the previous reading; nil for the first, and nil when either
  /// reading is qualified ("up to 21%", "19–21%"): the sources then give no single difference.
  public var change: Double?

  /// The change in points from `previous` to `point`, when both are figures as stated.
  public static func change(from previous: MeasurePoint, to point: MeasurePoint) -> Double? {
    guard previous.qualifier == nil, point.qualifier == nil, let before = previous.value, let after = point.value
    else { return nil }
    return ((after - before) * 10).rounded() / 10
  }
}

extension ReReferralTrend.State {
  /// The readings of `stream` whose period had ended by `asOf`, oldest first.
  public func readings(stream: String, asOf: String? = nil) -> [ReReferralReading] {
    let points = MeasureSeries.series(facts, stream: stream, asOf: asOf).values.flatMap { $0 }
      .filter { $0.value != nil }.sorted { ($0.to, $0.id) < ($1.to, $1.id) }
    return points.indices.map { i in
      let change = i > 0 ? ReReferralReading.change(from: points[i - 1], to: points[i]) : nil
      return ReReferralReading(point: points[i], change: change)
    }
  }
}
