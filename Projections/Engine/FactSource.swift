import EventStore
import Foundation
import JourneyDomain

/// Reads back, by location, the facts a replay absorbed: fact sets keep where each plain
/// statement lies in the log instead of the statement.
///
/// One source serves every fact set of a replay, and the checkpoints it restored. It keeps the
/// facts it has read (up to `cacheLimit` of them), so views that list one stream several times
/// read each record once. Every record it reads was checked against the hash chain by the replay
/// that located it; one that no longer starts where it did means the log was rewritten in place,
/// and stops the process with a message to run `journey verify`.
public final class FactSource: @unchecked Sendable {
  private let fetcher: RecordFetcher
  private let reader: LedgerReader
  /// The id hash and location of every record the replay read, and of the whole log once an id
  /// is looked up that the replay did not read (`locators(of:)`).
  private var ids = IDTable()
  private var holdsWholeLog = false
  private let decoder: RecordDecoder
  /// The ledger's directory: two sources of one ledger give equal facts for equal locators.
  let ledger: String
  // Guards the fetcher and the cache: a source is shared by the views of one process.
  private let lock = NSLock()
  private var cache: [UInt64: FactSet.Claim] = [:]
  /// The most facts kept between reads.
  static let cacheLimit = 1 << 16

  /// A source reading the segments `reader` reads, decoding payloads with `upcast`.
  ///
  /// - Throws: `StoreError.io` when a segment cannot be opened.
  public init(reader: LedgerReader, upcast: @escaping Upcast) throws {
    fetcher = try RecordFetcher(reader)
    self.reader = reader
    ledger = reader.layout.directory
    decoder = RecordDecoder(upcast: upcast)
  }

  /// Notes where the record with this id hash lies (the replay calls it for each record it reads).
  func noteID(_ hash: UInt64, at locator: UInt64) {
    lock.lock()
    defer { lock.unlock() }
    ids.insert(hash, locator)
  }

  /// Whether the id table holds every record any fact set of this source keeps: true when the
  /// replay restored no checkpoint (the engine sets it), so that an id it does not hold is no
  /// plain statement of theirs.
  var holdsEveryKeptRecord = false

  /// The locators of records the id table holds that may have this id (confirm by reading them).
  func candidates(of id: String) -> [UInt64] { lockedCandidates(LedgerReader.idHash(id)) }

  private func lockedCandidates(_ hash: UInt64) -> [UInt64] {
    lock.lock()
    defer { lock.unlock() }
    return ids.candidates(of: hash)
  }

  /// Adds every record of the log to the id table (through the log's position index), once.
  func holdWholeLog() {
    lock.lock()
    defer { lock.unlock() }
    guard !holdsWholeLog else { return }
    holdsWholeLog = true
    do {
      try reader.forEachIDLocation { hash, location in ids.insert(hash, location.packed) }
    } catch {
      fatalError("journey: cannot read the ledger's ids: \(error)")
    }
  }

  /// The claim (the record as a fact, and its knowledge date) at a packed `RecordLocation`.
  func claim(at locator: UInt64) -> FactSet.Claim {
    lock.lock()
    defer { lock.unlock() }
    if let hit = cache[locator] { return hit }
    let claim: FactSet.Claim
    do {
      claim = try fetcher.withRecord(at: RecordLocation(packed: locator)) { view in
        let envelope = try decoder.envelope(view, type: view.type, reported: TimeGate.reportedText(view))
        return FactSet.Claim(fact: envelope.fact, known: envelope.known)
      }
    } catch {
      fatalError("journey: cannot read a fact back from the ledger: \(error)")
    }
    if cache.count >= FactSource.cacheLimit { cache.removeAll(keepingCapacity: true) }
    cache[locator] = claim
    // A record read back names its id: later lookups find it without the log's index.
    if !holdsEveryKeptRecord && !holdsWholeLog { ids.insert(LedgerReader.idHash(claim.fact.id), locator) }
    return claim
  }
}

/// Turns records into envelopes: payloads at their type's current schema version are kept as
/// the record's text, older ones are decoded and upcast.
struct RecordDecoder {
  let upcast: Upcast

  init(upcast: @escaping Upcast) { self.upcast = upcast }

  /// The current catalogue version of `type`.
  static func currentVersion(of type: String) -> Int? { (try? EventCatalogue.spec(type))?.version }

  /// The envelope of a record whose type is `type` (one string shared by every event of it).
  ///
  /// A payload already at `current`, its type's catalogue version, is not decoded here (views
  /// decode it when they read it; its record's hash was checked and the ledger wrote it from a
  /// `JSON` value). Any other is decoded and upcast; the fact then keeps the upcast tree if the
  /// version moved.
  /// - Throws: `ProjectionError` with code `.undecodableEvent` or `.upcastFailed`, naming the event.
  func envelope(
    _ view: RecordView, type: String, reported: String?, current: Int?? = nil
  ) throws(ProjectionError) -> EventEnvelope {
    var version = view.schemaVersion
    var payload = FactPayload.text(Array(view.dataBytes))
    if version != (current ?? RecordDecoder.currentVersion(of: type)) {
      let data: JSON
      (version, data) = try upcast(view, type: type)
      if version != view.schemaVersion { payload = .tree(data) }
    }
    return EventEnvelope(
      position: view.position, id: view.id, type: type, schemaVersion: version, stream: view.stream,
      valid: view.valid, recorded: view.recorded, reported: reported, payload: payload,
      metaText: String(decoding: view.metaBytes, as: UTF8.self))
  }

  /// Decodes a record's payload and upcasts it to its type's current version.
  private func upcast(_ view: RecordView, type: String) throws(ProjectionError) -> (version: Int, data: JSON) {
    let raw: JSON
    do { raw = try JSONParser.parse(bytes: view.dataBytes) } catch {
      throw .unreadable(.undecodableEvent, position: view.position, id: view.id, reason: error)
    }
    do { return try upcast(type, view.schemaVersion, raw) } catch {
      throw .unreadable(.upcastFailed, position: view.position, id: view.id, reason: error)
    }
  }
}

/// Where an envelope's event lies in the log, with the source that reads it back.
public struct FactOrigin: Sendable, Equatable {
  let source: FactSource
  /// The packed `RecordLocation`.
  let locator: UInt64
  /// The hash of the event's id (`LedgerReader.idHash`).
  let idHash: UInt64

  public static func == (a: FactOrigin, b: FactOrigin) -> Bool { a.source === b.source && a.locator == b.locator }
}

/// A state that holds fact sets reading from a `FactSource`: the replay engine gives it the
/// source of the log it was restored from before it replays the tail.
public protocol FactSourceAttaching {
  mutating func attach(_ source: FactSource)
}
