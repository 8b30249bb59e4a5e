#if canImport(Glibc)
  import Glibc
#endif

/// Canonical events kept in an unlinked temporary file, in a compact binary form: a batch that
/// `Ledger.append(streaming:)` can read twice without holding it or scanning its JSON again.
///
/// Events go in once, already checked and canonical (`CanonicalJSONScanner` or a `JSON` tree made
/// them), and come back with their payload bytes trusted as canonical: the file is private to this
/// process (made with `mkstemp` and unlinked at once). One event is its length (`UInt32`), its
/// schema version (`Int64`), a flag byte (1 when it has a valid time), then id, type, stream,
/// valid from and to (when flagged), data and meta, each a `UInt32` length and its bytes; integers
/// are little-endian. Every event is checked as the store checks it when it is added, and its id
/// is also kept in memory, so the ledger's first pass (ids and counts) does not read the file.
public final class CanonicalEventSpool: CanonicalEventSource {
  private let file: FileHandleFD
  private var pending: [UInt8] = []
  private var size = 0
  /// Each event's id, and where its record starts in the file: the ledger's first pass reads
  /// these instead of the file.
  private var ids: [String] = []
  private var offsets: [Int] = []
  /// How many events were added.
  public var count: Int { ids.count }

  private static let flushBytes = 1 << 20

  /// Creates an empty spool in `directory` (by default `$TMPDIR`, or `/tmp`).
  ///
  /// - Throws: `StoreError` with code `.io` when the file cannot be made.
  public init(directory: String? = nil) throws(StoreError) {
    file = try FileHandleFD.temporary(in: directory ?? CanonicalEventSpool.temporaryDirectory)
    pending.reserveCapacity(CanonicalEventSpool.flushBytes + (64 << 10))
  }

  /// `$TMPDIR`, or `/tmp` when it is not set.
  static var temporaryDirectory: String {
    getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
  }

  /// Checks `event` as the store does and adds it after the events already in the spool.
  ///
  /// - Throws: `StoreError` with code `.invalidInput` for an event the store refuses (the message
  ///   names it by its number in the spool, as `Ledger.append` does) or one larger than 4 GiB;
  ///   `.io` when the file cannot be written.
  public func append(_ event: CanonicalEvent) throws(StoreError) {
    try RecordEncoder.check(event, index: count)
    let start = pending.count
    put(UInt32(0))  // the length, set below
    put(UInt64(bitPattern: Int64(event.schemaVersion)))
    pending.append(event.valid == nil ? 0 : 1)
    put(event.id)
    put(event.type)
    put(event.stream)
    if let valid = event.valid {
      put(valid.from)
      put(valid.to)
    }
    put(event.data.bytes)
    put(event.meta.bytes)
    try setLength(of: start)
    ids.append(event.id)
    offsets.append(size + start)
    if pending.count >= CanonicalEventSpool.flushBytes { try flush() }
  }

  /// Calls `body` with each event, in the order they were added.
  ///
  /// - Throws: what `body` throws; `StoreError` with code `.io` when the file cannot be read.
  /// - Complexity: O(n) in the bytes of the spool; memory is one read buffer (1 MiB, or the
  ///   largest event).
  public func forEachCanonicalEvent(_ body: (CanonicalEvent) throws -> Void) throws {
    try flush()
    var reader = Reader(file: file, size: size)
    while let event = try reader.next() { try body(event) }
  }

  /// Calls `body` with each event's id (every event was checked when it was added) and a way to
  /// read the whole event back; only the ids are read, from memory.
  public func forEachCheckedID(_ body: (String, () throws -> CanonicalEvent) throws -> Void) throws {
    try flush()
    for (i, id) in ids.enumerated() { try body(id, { try self.event(at: i) }) }
  }

  /// The event added `index`th (from 0), read back from the file.
  private func event(at index: Int) throws(StoreError) -> CanonicalEvent {
    let start = offsets[index]
    let end = index + 1 < offsets.count ? offsets[index + 1] : size
    let record = try file.readBytes(start..<end)
    let event =
      record.count == end - start && record.count > 4
      ? record.withUnsafeBytes { raw in
        Reader.decode(UnsafeRawBufferPointer(rebasing: raw[4...]))
      } : nil
    guard let event else {
      throw StoreError(.io, "the temporary copy of the batch in \(file.path) cannot be read back")
    }
    return event
  }

  /// Writes the events added since the last flush to the file.
  private func flush() throws(StoreError) {
    guard !pending.isEmpty else { return }
    try file.writeAll(pending)
    size += pending.count
    pending.removeAll(keepingCapacity: true)
  }

  private func put<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.littleEndian) { pending.append(contentsOf: $0) }
  }

  private func put(_ text: String) {
    put(UInt32(truncatingIfNeeded: text.utf8.count))
    pending.append(contentsOf: text.utf8)
  }

  private func put(_ bytes: [UInt8]) {
    put(UInt32(truncatingIfNeeded: bytes.count))
    pending.append(contentsOf: bytes)
  }

  /// Writes the length of the event that starts at `start`, refusing one over 4 GiB.
  private func setLength(of start: Int) throws(StoreError) {
    let length = pending.count - start - 4
    guard length <= Int(UInt32.max) else {
      pending.removeSubrange(start...)
      throw StoreError(.invalidInput, "event \(count + 1) is larger than 4 GiB")
    }
    withUnsafeBytes(of: UInt32(length).littleEndian) { raw in
      for i in 0..<4 { pending[start + i] = raw[i] }
    }
  }
}
