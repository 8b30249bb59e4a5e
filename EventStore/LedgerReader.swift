#if canImport(Glibc)
  import Glibc
#endif

/// Which records a read returns.
public struct ReadFilter: Sendable, Equatable {
  /// The first position to return.
  public var from: Int
  /// The last position to return; nil for the committed head.
  public var through: Int?
  /// Only records of these streams; nil for all.
  public var streams: Set<String>?
  /// Only records of these types; nil for all.
  public var types: Set<String>?

  public init(from: Int = 1, through: Int? = nil, streams: Set<String>? = nil, types: Set<String>? = nil) {
    self.from = from
    self.through = through
    self.streams = streams
    self.types = types
  }
}

/// Reads a ledger without locking: it never blocks writers and never sees half a batch.
///
/// A reader fixes the committed head when it is opened and reads no further, so a batch being
/// written meanwhile is invisible until the next reader.
public struct LedgerReader {
  public let layout: LedgerLayout
  /// The committed head this reader reads up to.
  public let head: LedgerHead
  let segments: [Segment]
  let tail: CommittedTail
  /// Whether reads check every record's hash against the chain (on by default: a query never
  /// answers from a damaged log).
  ///
  /// Turned off only to look up a single stored hash.
  public var verifiesHashes = true
  /// Called every few thousand lines with (bytes passed, committed bytes), for progress bars.
  public var progress: ((Int, Int) -> Void)? = nil
  /// Whether a read filtered by stream may go through the stream index (on by default; the
  /// answer is the same either way, which tests check by turning it off).
  public var usesStreamIndex = true

  /// Opens the ledger at `path` for reading.
  ///
  /// - Throws: `.notFound`, `.unsupportedFormat` (a newer format), `.io`, `.corrupt`.
  public init(at path: String) throws(StoreError) {
    layout = LedgerLayout(directory: path)
    _ = try Manifest.read(layout)
    segments = try Segment.list(layout)
    tail = try TailScanner.scan(segments, validate: false)
    head = LedgerHead(position: tail.position, hash: HashChain.hexString(tail.hash), recorded: tail.recorded)
  }

  /// The total bytes of committed records, for progress reporting.
  public var committedBytes: Int {
    segments.reduce(0) { total, segment in
      total
        + (segment == tail.lastSegment
          ? tail.endOffset : ((try? FileHandleFD(path: segment.path, flags: O_RDONLY).size()) ?? 0))
    }
  }

  /// Calls `body` with every record that passes `filter`, in position order, until `body`
  /// returns false.
  ///
  /// The view is valid only during the call. Records are parsed only as far as their header;
  /// payloads stay undecoded unless `body` asks. A read filtered by stream reads only that
  /// stream's records through the stream index where the index is sound, and the log after it.
  /// - Throws: `.corrupt` when a line is damaged or out of order (run `journey verify`), `.io`.
  /// - Complexity: O(n) in the bytes from the segment holding `filter.from` to the last position
  ///   read; with streams and a sound index, O(n) in the index entries plus the records used.
  public func forEach(
    _ filter: ReadFilter = ReadFilter(), _ body: (RecordView) throws -> Bool
  ) throws {
    let last = min(filter.through ?? tail.position, tail.position)
    guard filter.from <= last else { return }
    var rest = filter
    if let streams = filter.streams, let indexed = try readIndexed(filter, streams: streams, through: last, body) {
      guard !indexed.stopped, indexed.covered < last else { return }
      rest.from = indexed.covered + 1
    }
    try scan(rest, through: last, body)
  }

  /// Reads the log from `filter.from` to `last`, as `forEach` describes.
  private func scan(_ filter: ReadFilter, through last: Int, _ body: (RecordView) throws -> Bool) throws {
    let types = filter.types.map { $0.map { Array($0.utf8) } }
    let streams = filter.streams.map { $0.map { Array($0.utf8) } }
    var expected = segments(from: filter.from).first?.firstPosition ?? 1
    // The previous record's stored hash as hex, decoded only when a used record needs it.
    var previousHex = [UInt8](repeating: 0, count: 64)
    var hasPrevious = false
    let total = progress == nil ? 0 : committedBytes
    var passed = 0
    var lineCount = 0
    // A slice keeps the whole list's indices: each record's location names its segment by them.
    let reading = segments(from: filter.from)
    for (ordinal, segment) in zip(reading.indices, reading) where segment.firstPosition <= last {
      guard segment.firstPosition == expected else {
        throw StoreError.corrupt(
          "segment \(segment.path) starts at position \(segment.firstPosition), expected \(expected): positions are missing",
          position: expected, offset: 0, file: segment.path)
      }
      let file = try FileHandleFD(path: segment.path, flags: O_RDONLY)
      let limit = segment == tail.lastSegment ? tail.endOffset : try file.size()
      var startOffset = 0
      if filter.from > segment.firstPosition, let seek = try seekOffset(of: filter.from, in: file, limit: limit) {
        startOffset = seek
        expected = filter.from
      }
      let lines = SegmentLines(file: file, from: startOffset, limit: limit)
      var stop = false
      var bodyError: (any Error)? = nil
      try lines.forEach { (line, offset) throws(StoreError) -> Bool in
        // A checked record's stored hash is compared with the computed one, which checks its digits.
        guard var view = RecordView.parse(line, checkingHashDigits: !verifiesHashes), view.position == expected else {
          throw StoreError.corrupt(
            "damaged record at position \(expected), byte \(offset) of \(segment.path)", position: expected,
            offset: offset, file: segment.path)
        }
        view.location = RecordLocation(segment: ordinal, offset: offset)
        expected += 1
        lineCount += 1
        if let progress, lineCount & 0x3FFF == 0 { progress(passed + offset, total) }
        defer {
          previousHex.withUnsafeMutableBufferPointer { _ = $0.initialize(from: view.hashHex) }
          hasPrevious = true
        }
        if view.position < filter.from { return true }
        if view.position > last {
          stop = true
          return false
        }
        if let types, !types.contains(where: { LedgerReader.equal(view.typeBytes, $0) }) { return true }
        if let streams, !streams.contains(where: { LedgerReader.equal(view.streamBytes, $0) }) { return true }
        if verifiesHashes {
          let previous = hasPrevious ? HashChain.bytes(fromHex: previousHex) : nil
          try checkHash(view, previous: previous, offset: offset, file: segment.path)
        }
        do {
          if try !body(view) { stop = true }
        } catch {
          bodyError = error
          stop = true
        }
        return !stop
      }
      if let bodyError { throw bodyError }
      if stop { return }
      passed += limit
    }
  }

  /// Whether raw bytes from a record equal `expected`.
  static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: [UInt8]) -> Bool {
    guard bytes.count == expected.count else { return false }
    guard let base = bytes.baseAddress, !expected.isEmpty else { return true }
    return expected.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, bytes.count) == 0 }
  }

  /// Checks a record the reader hands out against its hash and its predecessor's stored hash.
  ///
  /// Every record a read uses is checked, so an answer never rests on damaged data; when every
  /// record is used this checks the whole chain (a damaged stored hash fails its own record's
  /// check). Records a filter skips are checked only for layout and position.
  func checkHash(_ view: RecordView, previous: [UInt8]?, offset: Int, file: String) throws(StoreError) {
    let before: [UInt8]
    if let previous { before = previous } else { before = try storedHash(before: view.position) }
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // on the stack: no allocation per record
    let matches = withUnsafeMutableBytes(of: &digest) { out in
      before.withUnsafeBytes { HashChain.link(previous: $0, content: view.hashedContent, into: out.baseAddress!) }
      return HashChain.matches(UnsafeRawBufferPointer(out), hex: view.hashHex)
    }
    guard matches else {
      throw StoreError.corrupt(
        "record at position \(view.position) (byte \(offset) of \(file)) does not match its hash: the log is damaged",
        position: view.position, offset: offset, file: file)
    }
  }

  /// The stored hash of the record before `position` (the genesis for position 1).
  private func storedHash(before position: Int) throws(StoreError) -> [UInt8] {
    guard position > 1 else { return HashChain.genesis }
    var plain = self
    plain.verifiesHashes = false
    var found: [UInt8]? = nil
    do {
      try plain.forEach(ReadFilter(from: position - 1, through: position - 1)) { view in
        found = HashChain.bytes(fromHex: view.hashHex)
        return false
      }
    } catch let error as StoreError { throw error } catch { throw StoreError(.io, "\(error)") }
    guard let found else {
      throw StoreError.corrupt("position \(position - 1) is missing", position: position - 1, offset: nil, file: nil)
    }
    return found
  }

  /// The byte offset of `position` in `file`, from the position index when the index agrees
  /// with the log; nil when it cannot be trusted (the caller then scans from the segment start).
  private func seekOffset(of position: Int, in file: FileHandleFD, limit: Int) throws(StoreError) -> Int? {
    guard let index = try? FileHandleFD(path: layout.positionIndexPath, flags: O_RDONLY),
      let entry = try? index.readBytes(((position - 1) * 16)..<(position * 16)), entry.count == 16
    else { return nil }
    let offset = entry.withUnsafeBytes {
      Int(truncatingIfNeeded: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }
    guard offset >= 0, offset < limit, let line = try? SegmentLines.line(in: file, at: offset) else { return nil }
    if offset > 0 {
      guard let before = try? file.readBytes((offset - 1)..<offset), before == [0x0A] else { return nil }
    }
    let matches = line.withUnsafeBufferPointer { RecordView.parse($0)?.position == position }
    return matches ? offset : nil
  }

  /// The record at `position`, or nil when the position is outside the committed log.
  public func record(at position: Int) throws -> Record? {
    guard position >= 1 && position <= head.position else { return nil }
    var found: Record? = nil
    try forEach(ReadFilter(from: position, through: position)) { view in
      found = view.record()
      return false
    }
    return found
  }

  /// The segments from the one holding `position` on.
  private func segments(from position: Int) -> ArraySlice<Segment> {
    let start = segments.lastIndex { $0.firstPosition <= position } ?? 0
    return segments[start...]
  }

  /// Returns owned copies of the records that pass `filter`.
  public func records(_ filter: ReadFilter = ReadFilter()) throws -> [Record] {
    var result: [Record] = []
    try forEach(filter) { view in
      result.append(view.record())
      return true
    }
    return result
  }
}
