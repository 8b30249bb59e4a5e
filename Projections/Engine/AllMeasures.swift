import EventStore

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
