import EventStore
import Foundation

/// A projection being replayed, with its state and progress, behind a common type.
public protocol AnyProjectionRunner: AnyObject {
  var name: String { get }
  var version: Int { get }
  var eventTypes: Set<String> { get }
  /// The last position folded into the state (from a checkpoint or the replay).
  var position: Int { get }
  var checkpoint: Int? { get }
  var applied: Int { get }
  func offer(_ event: EventEnvelope)
  func finish(at position: Int)
  func encodeState() throws -> Data
  func restore(state: Data, position: Int) throws
  /// Gives the state the source its fact sets read the log through (see `FactSourceAttaching`).
  func attach(_ source: FactSource)
}

/// Replays one projection: holds its state and applies only events after its checkpoint.
public final class ProjectionRunner<P: Projection>: AnyProjectionRunner {
  let projection: P
  public private(set) var state: P.State
  public private(set) var position = 0
  public private(set) var checkpoint: Int? = nil
  public private(set) var applied = 0

  public init(_ projection: P) {
    self.projection = projection
    state = projection.initialState
  }

  public var name: String { P.name }
  public var version: Int { P.version }
  public var eventTypes: Set<String> { P.eventTypes }

  /// Applies an event of one of `eventTypes` (the engine routes by type) unless the state
  /// already holds it (it was restored from a later checkpoint).
  public func offer(_ event: EventEnvelope) {
    guard event.position > position else { return }
    projection.apply(event, to: &state)
    applied += 1
  }

  public func attach(_ source: FactSource) {
    guard var attaching = state as? any FactSourceAttaching else { return }
    attaching.attach(source)
    if let attached = attaching as? P.State { state = attached }
  }

  public func finish(at position: Int) { self.position = max(self.position, position) }

  /// The state in checkpoint form: the binary `CheckpointCoding` form after a 0x02 byte when
  /// the state has one, JSON otherwise.
  public func encodeState() throws -> Data {
    if let coded = state as? any CheckpointCoding {
      var writer = CheckpointWriter()
      coded.encodeCheckpoint(into: &writer)
      return Data([0x02] + writer.bytes)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(state)
  }

  public func restore(state data: Data, position: Int) throws {
    if data.first == 0x02, let type = P.State.self as? any CheckpointCoding.Type {
      var reader = CheckpointReader(Array(data.dropFirst()))
      guard let decoded = try type.init(checkpoint: &reader) as? P.State, reader.atEnd else {
        throw ProjectionError.damagedCheckpoint
      }
      state = decoded
    } else {
      state = try JSONDecoder().decode(P.State.self, from: data)
    }
    self.position = position
    checkpoint = position
  }

  /// The replay's outcome.
  public var result: ReplayResult<P.State> {
    ReplayResult(state: state, position: position, checkpoint: checkpoint, applied: applied)
  }
}
