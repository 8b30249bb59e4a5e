/// Every projection the tools offer: adding one line here is all a new projection needs to be
/// listed by `journey projections`, shown by `journey view`, and replayed by the benchmark.
public enum ProjectionRegistry {
  /// The registered projections, in the order `journey projections` lists them.
  public static let all: [any ShownProjection.Type] = [
    JudgementHistory.self,
    VisitTimeline.self,
    WorkforceStability.self,
    AuditQuality.self,
    AllMeasures.self,
    Readiness.self,
    Evidence.self,
    ReReferralTrend.self,
  ]

  /// The registered projection called `name` (`judgement-history`), if any.
  public static func named(_ name: String) -> (any ShownProjection.Type)? { all.first { $0.name == name } }

  /// A runner for each registered projection, to replay them all in one pass.
  public static func runners() -> [any AnyProjectionRunner] { all.map { $0.makeRunner() } }
}
