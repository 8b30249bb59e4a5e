import EventStore

/// Case-file audit results per quarter and theme.
public struct AuditQuality: FactProjection {
  public static let name = "audit-quality"
  public static let version = 2
  public static let summary =
    "case-file audit results by period, theme and measure (% good, % RI or better, % inadequate)"
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
