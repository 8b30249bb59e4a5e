import EventStore
import Foundation
import JourneyDomain

/// The three time axes of a query, and an optional stream restriction.
///
/// - `asOf`: valid time. Only facts that had begun by that day (`valid.from <= asOf`; facts
///   without a valid time always pass) are replayed: the world as it stood on that date.
/// - `knownAt`: knowledge time. Only facts reported by that day (`meta.reported <= knownAt`,
///   or the recorded day when no reported date is stated): what could be known then.
/// - `recordedBefore`: record time. Only records the ledger held before that instant
///   (`recorded < recordedBefore`, compared as ISO text): an audit of the ledger itself.
public struct ReplayFilter: Sendable, Hashable, Codable {
  public var asOf: String?
  public var knownAt: String?
  public var recordedBefore: String?
  public var streams: Set<String>?

  public init(asOf: String? = nil, knownAt: String? = nil, recordedBefore: String? = nil, streams: Set<String>? = nil) {
    self.asOf = asOf
    self.knownAt = knownAt
    self.recordedBefore = recordedBefore
    self.streams = streams
  }

  /// A canonical text for this filter, used to key checkpoints.
  var key: String {
    [asOf ?? "-", knownAt ?? "-", recordedBefore ?? "-", streams.map { $0.sorted().joined(separator: ",") } ?? "*"]
      .joined(separator: "|")
  }
}

/// Turns a stored payload of an older schema version into the current one.
///
/// The replay consults it only for payloads not at their type's current version in the event
/// catalogue (and for types the catalogue does not know). An upcast that returns the version it
/// was given must return the payload unchanged: the replay then keeps the stored text.
public typealias Upcast = @Sendable (_ type: String, _ version: Int, _ data: JSON) throws -> (version: Int, data: JSON)

/// The outcome of a replay for one projection.
public struct ReplayResult<State: Sendable>: Sendable {
  public var state: State
  /// The last log position the replay considered.
  public var position: Int
  /// The position of the checkpoint it started from, or nil for a full replay.
  public var checkpoint: Int?
  /// How many events were applied after the checkpoint.
  public var applied: Int
}

/// Replays the log into projections in one pass, with time filters and checkpoints.
public final class ReplayEngine {
  public let ledgerPath: String
  let upcast: Upcast
  /// Whether checkpoints are read and written.
  public var useCheckpoints: Bool
  /// Called now and then during a replay with (bytes read, bytes in the log), for progress bars.
  public var progress: ((Int, Int) -> Void)?
  let checkpoints: CheckpointStore

  /// - Parameters:
  ///   - upcast: the schema upcaster (the domain's `Upcaster`).
  ///   - useCheckpoints: false forces a full replay and leaves the cache alone.
  public init(ledger path: String, upcast: @escaping Upcast, useCheckpoints: Bool = true) {
    ledgerPath = path
    self.upcast = upcast
    self.useCheckpoints = useCheckpoints
    checkpoints = CheckpointStore(ledger: path)
  }

  /// Replays one projection.
  public func run<P: Projection>(_ projection: P, filter: ReplayFilter = ReplayFilter()) throws -> ReplayResult<P.State>
  {
    let runner = ProjectionRunner(projection)
    try run([runner], filter: filter)
    return runner.result
  }

  /// Replays several projections in one pass over the log.
  public func run(_ runners: [any AnyProjectionRunner], filter: ReplayFilter) throws {
    let reader = try LedgerReader(at: ledgerPath)
    let cacheable = useCheckpoints && filter.recordedBefore == nil
    if cacheable, let stamps = try? SegmentStamp.all(ledger: ledgerPath) {
      for runner in runners { try? checkpoints.restore(runner, filter: filter, reader: reader, stamps: stamps) }
    }
    let source = try FactSource(reader: reader, upcast: upcast)
    for runner in runners { runner.attach(source) }
    // Runners that start empty absorb only records this replay reads, whose ids it notes.
    source.holdsEveryKeptRecord = runners.allSatisfy { $0.position == 0 }
    let start = (runners.map(\.position).min() ?? reader.head.position) + 1
    var last = reader.head.position
    if start <= reader.head.position {
      last = try replay(runners, from: start, filter: filter, reader: reader, source: source)
    }
    for runner in runners { runner.finish(at: last) }
    let changed = runners.filter { $0.applied > 0 || $0.checkpoint == nil }
    if cacheable, last == reader.head.position, !changed.isEmpty, let stamps = try? SegmentStamp.all(ledger: ledgerPath)
    {
      for runner in changed { try? checkpoints.save(runner, filter: filter, head: reader.head, stamps: stamps) }
    }
  }

  /// Feeds every record from `start` that passes the filter to the runners; returns the last
  /// position considered.
  private func replay(
    _ runners: [any AnyProjectionRunner], from start: Int, filter: ReplayFilter, reader: LedgerReader,
    source: FactSource
  ) throws -> Int {
    let decoder = RecordDecoder(upcast: upcast)
    let types = runners.reduce(into: Set<String>()) { $0.formUnion($1.eventTypes) }
    // The runners that read each type, so an event costs one lookup, not one per runner.
    let routes = types.sorted().map { Route($0, runners) }
    let gate = TimeGate(filter)
    var last = start - 1
    var reader = reader
    reader.progress = progress
    try reader.forEach(ReadFilter(from: start, streams: filter.streams, types: types)) { view in
      if gate.isAfterRecordBound(view) { return false }
      last = view.position
      guard gate.admits(view) else { return true }
      let route = Route.find(view.typeBytes, in: routes)
      let type = route?.type ?? view.type
      var envelope = try decoder.envelope(
        view, type: type, reported: gate.reported(view), current: .some(route?.currentVersion))
      let origin = FactOrigin(source: source, locator: view.location.packed, idHash: view.idHash)
      envelope.origin = origin
      source.noteID(origin.idHash, at: origin.locator)
      for runner in route?.runners ?? [] { runner.offer(envelope) }
      return true
    }
    return filter.recordedBefore == nil ? reader.head.position : last
  }

  /// The runners of one event type, and the type's current schema version in the catalogue.
  private struct Route {
    /// The type, one string shared by every event of it (a record's type is not copied).
    var type: String
    var bytes: [UInt8]
    var runners: [any AnyProjectionRunner]
    var currentVersion: Int?

    init(_ type: String, _ all: [any AnyProjectionRunner]) {
      self.type = type
      bytes = Array(type.utf8)
      runners = all.filter { $0.eventTypes.contains(type) }
      currentVersion = RecordDecoder.currentVersion(of: type)
    }

    /// The route whose type is these raw bytes (a short list, compared by length first), if any.
    static func find(_ raw: UnsafeBufferPointer<UInt8>, in routes: [Route]) -> Route? {
      routes.first { $0.bytes.count == raw.count && $0.bytes.elementsEqual(raw) }
    }
  }
}
