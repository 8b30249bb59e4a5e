/// The state of a view that keeps its facts in a `FactSet`.
public protocol FactSetState: Sendable, Equatable, Codable, CheckpointCoding, FactSourceAttaching {
  var facts: FactSet { get set }
  init()
}

/// A projection whose state is a fact set: it starts empty and absorbs every event of its types
/// (corrections, retractions and disagreements included).
///
/// Views are extensions on its `State`.
public protocol FactProjection: Projection where State: FactSetState {}

extension FactProjection {
  public var initialState: State { State() }

  public func apply(_ event: EventEnvelope, to state: inout State) {
    state.facts.absorb(event, types: Self.eventTypes)
  }
}

extension FactSetState {
  public mutating func attach(_ source: FactSource) { facts.attach(source) }
}
