import EventStore

/// Every fact of every domain type, with corrections and disagreements applied: the evidence
/// behind reports, the conflicts between sources, and `journey log`.
public struct Evidence: FactProjection {
  public static let name = "evidence"
  public static let version = 2
  public static let summary =
    "every fact with its source, corrections and disagreements (log, conflicts, evidence appendix)"
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
