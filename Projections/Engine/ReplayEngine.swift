import EventStore
import Foundation

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
  public func run<P: Projection>(_ projection: P, filter: ReplayFilter = ReplayFilter()) throws -> ReplayResult<P.State> {
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
    let start = (runners.map(\.position).min() ?? reader.head.position) + 1
    var last = reader.head.position
    if start <= reader.head.position {
      last = try replay(runners, from: start, filter: filter, reader: reader)
    }
    for runner in runners { runner.finish(at: last) }
    let changed = runners.filter { $0.applied > 0 || $0.checkpoint == nil }
    if cacheable, last == reader.head.position, !changed.isEmpty, let stamps = try? SegmentStamp.all(ledger: ledgerPath) {
      for runner in changed { try? checkpoints.save(runner, filter: filter, head: reader.head, stamps: stamps) }
    }
  }

  /// Feeds every record from `start` that passes the filter to the runners; returns the last
  /// position considered.
  private func replay(
    _ runners: [any AnyProjectionRunner], from start: Int, filter: ReplayFilter, reader: LedgerReader
  ) throws -> Int {
    let types = runners.reduce(into: Set<String>()) { $0.formUnion($1.eventTypes) }
    // The runners that read each type, so an event costs one lookup, not one per runner.
    let routes = Dictionary(uniqueKeysWithValues: types.map { type in (type, runners.filter { $0.eventTypes.contains(type) }) })
    let gate = TimeGate(filter)
    var last = start - 1
    var reader = reader
    reader.progress = progress
    try reader.forEach(ReadFilter(from: start, streams: filter.streams, types: types)) { view in
      if gate.isAfterRecordBound(view) { return false }
      last = view.position
      guard gate.admits(view) else { return true }
      let envelope = try decode(view, reported: gate.reported(view))
      for runner in routes[envelope.type] ?? [] { runner.offer(envelope) }
      return true
    }
    return filter.recordedBefore == nil ? reader.head.position : last
  }

  /// Decodes and upcasts a record the runners want.
  private func decode(_ view: RecordView, reported: String?) throws -> EventEnvelope {
    let raw = try JSONParser.parse(bytes: view.dataBytes)
    let (version, data) = try upcast(view.type, view.schemaVersion, raw)
    return EventEnvelope(
      position: view.position, id: view.id, type: view.type, schemaVersion: version, stream: view.stream,
      valid: view.valid, recorded: view.recorded, reported: reported, data: data,
      metaText: String(decoding: view.metaBytes, as: UTF8.self))
  }
}

/// The time filters, applied to raw records without decoding them.
struct TimeGate {
  let asOf: [UInt8]?
  let knownAt: [UInt8]?
  let recordedBefore: [UInt8]?

  init(_ filter: ReplayFilter) {
    asOf = filter.asOf.map { Array($0.utf8) }
    knownAt = filter.knownAt.map { Array($0.utf8) }
    recordedBefore = filter.recordedBefore.map { Array($0.utf8) }
  }

  /// Whether the record was appended at or after the record-time bound (and so are all later ones).
  func isAfterRecordBound(_ view: RecordView) -> Bool {
    guard let recordedBefore else { return false }
    return !view.recordedBytes.lexicographicallyPrecedes(recordedBefore)
  }

  /// Whether the record passes the valid-time and knowledge-time filters.
  func admits(_ view: RecordView) -> Bool {
    if let asOf, let from = view.validFromBytes, asOf.lexicographicallyPrecedes(from) { return false }
    if let knownAt {
      let known = TimeGate.reportedBytes(view) ?? Array(view.recordedBytes.prefix(10))
      if knownAt.lexicographicallyPrecedes(known) { return false }
    }
    return true
  }

  /// The reported date in the record's metadata, as text.
  func reported(_ view: RecordView) -> String? {
    TimeGate.reportedBytes(view).map { String(decoding: $0, as: UTF8.self) }
  }

  private static let reportedKey = Array(#""reported":""#.utf8)

  /// Finds `"reported":"YYYY-MM-DD"` at the top level of the metadata without decoding it.
  static func reportedBytes(_ view: RecordView) -> [UInt8]? {
    let meta = view.metaBytes
    guard meta.count > reportedKey.count + 10 else { return nil }
    var depth = 0
    var i = 0
    var inString = false
    while i < meta.count {
      let b = meta[i]
      if inString {
        if b == UInt8(ascii: "\\") { i += 2; continue }
        if b == UInt8(ascii: "\"") { inString = false }
        i += 1
        continue
      }
      switch b {
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: "\""):
        if depth == 1, matches(meta, at: i) {
          let start = i + reportedKey.count
          guard start + 10 <= meta.count else { return nil }
          return Array(meta[start..<(start + 10)])
        }
        inString = true
      default: break
      }
      i += 1
    }
    return nil
  }

  private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index + reportedKey.count <= bytes.count else { return false }
    for (k, b) in reportedKey.enumerated() where bytes[index + k] != b { return false }
    return true
  }
}

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
        throw CheckpointReader.Damaged()
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
