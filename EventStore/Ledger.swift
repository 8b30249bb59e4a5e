#if canImport(Glibc)
  import Glibc
#endif

/// The last committed record of a ledger.
public struct LedgerHead: Sendable, Equatable {
  /// The last committed position; 0 for an empty ledger.
  public var position: Int
  /// Its chain hash in hex (64 zeros for an empty ledger).
  public var hash: String
  /// When it was recorded, or nil for an empty ledger.
  public var recorded: String?
}

/// What an append did.
public struct AppendResult: Sendable, Equatable {
  /// The position of each event given, in order; a re-appended event gets its original position.
  public var positions: [Int]
  /// How many records were written (0 when every event was already stored).
  public var appended: Int
  /// The head after the append.
  public var head: LedgerHead
}

/// An interrupted batch that opening the ledger for writing removed.
public struct Recovery: Sendable, Equatable {
  /// The segment file that was cut back.
  public var file: String
  /// How many bytes of the interrupted batch were removed.
  public var bytesRemoved: Int
  /// The last committed position, which the log now ends at.
  public var position: Int
}

/// A ledger opened for appending: the only way records enter the log.
///
/// Every append takes an exclusive lock on `DIR/lock`, re-reads the committed tail (other
/// processes may have appended), removes an interrupted batch left by a crash, checks ids and the
/// expected position, writes the whole batch with one `write` (in chunks when streamed), and
/// returns only after `fsync`.
public final class Ledger {
  public let layout: LedgerLayout
  let manifest: Manifest
  let clock: Clock
  private let lockFile: FileHandleFD
  private var segments: [Segment] = []
  private var tail = CommittedTail()
  private var writer: FileHandleFD?
  private var index = PositionIndex()
  private var streamIndex = StreamIndex()
  private var indexLoaded = false
  /// Interrupted batches removed since this ledger was opened.
  public private(set) var recoveries: [Recovery] = []

  /// Opens the ledger at `path` for appending, creating it when `create` is true and it is missing,
  /// and removes an interrupted batch a crash left behind.
  ///
  /// - Throws: `StoreError` (`.notFound`, `.unsupportedFormat`, `.corrupt` for damage before the tail, `.io`).
  public init(
    at path: String, create: Bool = false, segmentBytes: Int = LedgerLayout.defaultSegmentBytes,
    clock: Clock = .system
  ) throws(StoreError) {
    layout = LedgerLayout(directory: path)
    if create && !FileSystem.exists(layout.manifestPath) {
      manifest = try Manifest.create(layout, segmentBytes: segmentBytes)
    } else {
      manifest = try Manifest.read(layout)
    }
    self.clock = clock
    lockFile = try FileHandleFD(path: layout.lockPath, flags: O_RDWR | O_CREAT, mode: 0o644)
    try withLock { () throws(StoreError) in try refreshTail() }
  }

  /// The last committed record.
  public func head() throws(StoreError) -> LedgerHead {
    try withLock { () throws(StoreError) in try refreshTail() }
    return currentHead
  }

  private var currentHead: LedgerHead {
    LedgerHead(position: tail.position, hash: HashChain.hexString(tail.hash), recorded: tail.recorded)
  }

  /// Appends `events` as one atomic, durable batch.
  ///
  /// - Parameter expectedPosition: when given, the batch is written only if the log ends there.
  /// - Returns: each event's position; events already stored with identical content keep theirs.
  /// - Throws: `.conflict` (expected vs actual position), `.duplicateID` (same id, other content),
  ///   `.invalidInput`, `.io` (nothing is left half-written), `.corrupt`.
  public func append(_ events: [NewEvent], expectedPosition: Int? = nil) throws(StoreError) -> AppendResult {
    try append(canonical: events.map(CanonicalEvent.init), expectedPosition: expectedPosition)
  }

  /// Appends `events`, whose payloads are already canonical, as one atomic, durable batch.
  ///
  /// - Parameter expectedPosition: when given, the batch is written only if the log ends there.
  /// - Returns: each event's position; events already stored with identical content keep theirs.
  /// - Throws: what `append(_:expectedPosition:)` throws.
  public func append(canonical events: [CanonicalEvent], expectedPosition: Int? = nil) throws(StoreError)
    -> AppendResult
  {
    for (i, event) in events.enumerated() { try RecordEncoder.check(event, index: i) }
    return try withLock { () throws(StoreError) -> AppendResult in
      try refreshTail()
      try catchUpIndex()
      var (positions, fresh) = try resolveDuplicates(events)
      guard !fresh.isEmpty else { return AppendResult(positions: positions, appended: 0, head: currentHead) }
      try checkExpectedPosition(expectedPosition)
      let first = tail.position + 1
      try write(fresh.map { events[$0] })
      for (n, i) in fresh.enumerated() { positions[i] = first + n }
      return AppendResult(positions: positions, appended: fresh.count, head: currentHead)
    }
  }

  /// Appends the events of `source` as one atomic, durable batch, without holding them all.
  ///
  /// The source is read twice under the lock: the first pass checks every event, resolves ids
  /// already stored and counts the new events (every record names its batch's last position, so
  /// the count comes first); the second pass encodes and writes the records in chunks of a few
  /// MiB, and the batch is synced once at the end. The commit record is written last, so a crash
  /// or an error part-way leaves an interrupted batch that is cut off (now, or when the ledger is
  /// next opened for writing): all or nothing, as with `append(_:expectedPosition:)`.
  ///
  /// - Throws: what `append(_:expectedPosition:)` throws, and any error of the source (nothing is
  ///   appended then).
  public func append(streaming source: some CanonicalEventSource, expectedPosition: Int? = nil) throws -> AppendResult {
    try withLockRethrowing {
      try refreshTail()
      try catchUpIndex()
      let (resolved, freshCount) = try resolveDuplicates(streaming: source)
      var positions = resolved
      guard freshCount > 0 else { return AppendResult(positions: positions, appended: 0, head: currentHead) }
      try checkExpectedPosition(expectedPosition)
      let first = tail.position + 1
      try writeStreaming(source, positions: positions, freshCount: freshCount)
      var next = first
      for i in positions.indices where positions[i] == 0 {
        positions[i] = next
        next += 1
      }
      for i in positions.indices where positions[i] < 0 { positions[i] = positions[-positions[i] - 1] }
      return AppendResult(positions: positions, appended: freshCount, head: currentHead)
    }
  }

  /// The first pass of a streaming append: checks each event and returns, per event, its stored
  /// position, 0 for a new event, or `-(earlier index) - 1` for a repeat of an earlier one in the
  /// batch; and the number of new events.
  private func resolveDuplicates(streaming source: some CanonicalEventSource) throws -> ([Int], Int) {
    var positions: [Int] = []
    var freshCount = 0
    var inBatch: [String: Int] = [:]
    var repeats: [(earlier: Int, later: Int)] = []
    try source.forEachCheckedID { id, event in
      let i = positions.count
      if let earlier = inBatch[id] {
        repeats.append((earlier, i))
        positions.append(-earlier - 1)
      } else {
        inBatch[id] = i
        let stored = index.candidate(for: id) == nil ? nil : try storedPosition(of: try event())
        positions.append(stored ?? 0)
        if stored == nil { freshCount += 1 }
      }
    }
    if !repeats.isEmpty { try checkRepeats(repeats, in: source) }
    return (positions, freshCount)
  }

  /// Checks that each id repeated within a streamed batch repeats identical content (a rare case,
  /// so it costs a third pass only when it happens).
  private func checkRepeats(_ repeats: [(earlier: Int, later: Int)], in source: some CanonicalEventSource) throws {
    let wanted = Set(repeats.flatMap { [$0.earlier, $0.later] })
    var signatures: [Int: [UInt8]] = [:]
    var ids: [Int: String] = [:]
    var i = 0
    try source.forEachCanonicalEvent { event in
      if wanted.contains(i) {
        signatures[i] = RecordEncoder.contentSignature(event)
        ids[i] = event.id
      }
      i += 1
    }
    for pair in repeats where signatures[pair.earlier] != signatures[pair.later] {
      throw StoreError(
        .duplicateID, "event id '\(ids[pair.later] ?? "")' appears twice in the batch with different content")
    }
  }

  /// The second pass of a streaming append: writes the new events and syncs once.
  ///
  /// Encodes the new events (`positions[i] == 0`), writes them in chunks, syncs once, then moves
  /// the tail and the index. On any error the segment is cut back to the last committed byte.
  private func writeStreaming(_ source: some CanonicalEventSource, positions: [Int], freshCount: Int) throws {
    try rotateIfNeeded()
    guard let writer, let segment = tail.lastSegment else { throw StoreError(.io, "no segment to write to") }
    let first = tail.position + 1
    let batchEnd = tail.position + freshCount
    let recorded = nextRecordedTime()
    let chunkBytes = 4 << 20
    var chunk: [UInt8] = []
    chunk.reserveCapacity(chunkBytes + TailScanner.maximumLineBytes)
    var hash = tail.hash
    var written = 0
    var ids: [String] = []
    var lineOffsets: [Int] = []
    var streams: [UInt64] = []
    ids.reserveCapacity(freshCount)
    streams.reserveCapacity(freshCount)
    lineOffsets.reserveCapacity(freshCount)
    var i = 0
    do {
      try source.forEachCanonicalEvent { event in
        defer { i += 1 }
        guard i < positions.count else { throw StoreError(.invalidInput, "the batch changed while it was written") }
        guard positions[i] == 0 else { return }
        let lineStart = chunk.count
        lineOffsets.append(tail.endOffset + written + lineStart)
        ids.append(event.id)
        streams.append(StreamIndex.hash(event.stream.utf8))
        hash = RecordEncoder.encode(
          event, position: first + ids.count - 1, batchEnd: batchEnd, recorded: recorded, previousHash: hash,
          into: &chunk)
        guard chunk.count - lineStart <= TailScanner.maximumLineBytes else {
          throw StoreError(
            .invalidInput, "event \(i + 1) (id '\(event.id)') is larger than \(TailScanner.maximumLineBytes) bytes")
        }
        if chunk.count >= chunkBytes {
          try writer.writeAll(chunk)
          written += chunk.count
          chunk.removeAll(keepingCapacity: true)
        }
      }
      guard i == positions.count, ids.count == freshCount else {
        throw StoreError(.invalidInput, "the batch changed while it was written")
      }
      try writer.writeAll(chunk)
      written += chunk.count
      try writer.sync()
    } catch {
      undoPartialWrite(segment)
      throw error
    }
    commit(
      Committed(position: batchEnd, hash: hash, recorded: recorded, bytes: written), ids: ids, streams: streams,
      offsets: lineOffsets)
  }

  private func withLockRethrowing<T>(_ body: () throws -> T) throws -> T {
    try lockFile.lockExclusive()
    defer { lockFile.unlock() }
    return try body()
  }

  // MARK: - Locking and the tail

  private func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    try lockFile.lockExclusive()
    defer { lockFile.unlock() }
    return try body()
  }

  /// Throws `.conflict` when the caller expected the log to end at another position.
  private func checkExpectedPosition(_ expectedPosition: Int?) throws(StoreError) {
    guard let expectedPosition, expectedPosition != tail.position else { return }
    throw StoreError(
      .conflict, "expected position \(expectedPosition), but the log is at position \(tail.position)",
      hint: "re-read the log from position \(expectedPosition + 1) and retry with --expected-position \(tail.position)",
      position: tail.position)
  }

  /// Re-reads the committed tail when another process may have changed it, then removes any
  /// interrupted batch after it.
  private func refreshTail() throws(StoreError) {
    if let last = tail.lastSegment, let writer, writer.path == last.path, (try? writer.size()) == tail.endOffset,
      tail.fileSize == tail.endOffset,
      !FileSystem.exists(layout.segmentPath(startingAt: tail.position + 1))
        || last.firstPosition == tail.position + 1
    {
      return  // nobody else has written since our last look
    }
    segments = try Segment.list(layout)
    tail = try TailScanner.scan(segments, validate: true)
    if tail.uncommittedBytes > 0 { try removeInterruptedBatch() }
    writer = try tail.lastSegment.map { (s) throws(StoreError) in
      try FileHandleFD(path: s.path, flags: O_WRONLY | O_APPEND)
    }
  }

  private func removeInterruptedBatch() throws(StoreError) {
    guard let last = tail.lastSegment else { return }
    let file = try FileHandleFD(path: last.path, flags: O_WRONLY)
    try file.truncate(to: tail.endOffset)
    try file.sync()
    recoveries.append(Recovery(file: last.path, bytesRemoved: tail.uncommittedBytes, position: tail.position))
    tail.fileSize = tail.endOffset
  }

  // MARK: - Ids

  /// Splits a batch into events already stored (with their positions) and new ones (indices).
  private func resolveDuplicates(_ events: [CanonicalEvent]) throws(StoreError) -> ([Int], [Int]) {
    var positions = [Int](repeating: 0, count: events.count)
    var fresh: [Int] = []
    var inBatch: [String: Int] = [:]
    for (i, event) in events.enumerated() {
      if let earlier = inBatch[event.id] {
        guard RecordEncoder.contentSignature(events[earlier]) == RecordEncoder.contentSignature(event) else {
          throw StoreError(.duplicateID, "event id '\(event.id)' appears twice in the batch with different content")
        }
        positions[i] = -earlier - 1  // resolved below
        continue
      }
      inBatch[event.id] = i
      if let stored = try storedPosition(of: event) {
        positions[i] = stored
      } else {
        fresh.append(i)
      }
    }
    let first = tail.position + 1
    let freshSlot = Dictionary(uniqueKeysWithValues: fresh.enumerated().map { ($1, first + $0) })
    for i in positions.indices where positions[i] < 0 {
      let earlier = -positions[i] - 1
      positions[i] = positions[earlier] > 0 ? positions[earlier] : freshSlot[earlier]!
    }
    return (positions, fresh)
  }

  /// The position of an event with the same id, if one is stored; an error if its content differs.
  private func storedPosition(of event: CanonicalEvent) throws(StoreError) -> Int? {
    guard let candidate = index.candidate(for: event.id), let line = try readLine(at: candidate) else { return nil }
    return try line.withUnsafeBufferPointer { (buffer) throws(StoreError) -> Int? in
      guard let view = RecordView.parse(buffer), view.id == event.id else { return nil }
      guard RecordEncoder.contentSignature(view) == RecordEncoder.contentSignature(event) else {
        throw StoreError(
          .duplicateID, "event id '\(event.id)' is already stored at position \(candidate) with different content",
          hint: "use a new id, or append a correction that points at '\(event.id)'", position: candidate)
      }
      return candidate
    }
  }

  /// The segment holding `position`.
  private func segment(holding position: Int) -> Segment? {
    var low = 0
    var high = segments.count - 1
    var found: Segment? = nil
    while low <= high {
      let mid = (low + high) / 2
      if segments[mid].firstPosition <= position {
        found = segments[mid]
        low = mid + 1
      } else {
        high = mid - 1
      }
    }
    return found
  }

  private func readLine(at position: Int) throws(StoreError) -> [UInt8]? {
    guard position >= 1, position <= index.count, let segment = segment(holding: position) else { return nil }
    let file = try FileHandleFD(path: segment.path, flags: O_RDONLY)
    return try SegmentLines.line(in: file, at: index.offsets[position - 1])
  }

  /// Brings the position and stream indexes up to the committed tail, loading or rebuilding them
  /// as needed.
  private func catchUpIndex() throws(StoreError) {
    if !indexLoaded {
      index = PositionIndex.load(
        path: layout.positionIndexPath, limit: tail.position,
        confirm: { position, offset, hash in confirmEntry(position, offset, hash) },
        readID: { position, offset in idAt(position, offset) })
      streamIndex = StreamIndex.load(path: layout.streamIndexPath, limit: tail.position) { position, entry in
        segment(holding: position).map { StreamIndex.confirm(entry, position: position, segmentPath: $0.path) } ?? false
      }
      indexLoaded = true
    }
    let from = min(index.count, streamIndex.count) + 1
    guard from <= tail.position else { return }
    try indexRecords(from: from)
    index.flush(to: layout.positionIndexPath)
    streamIndex.flush(to: layout.streamIndexPath)
  }

  private func confirmEntry(_ position: Int, _ offset: Int, _ hash: UInt64) -> Bool {
    guard let id = idAt(position, offset) else { return false }
    return PositionIndex.hash(id.utf8) == hash
  }

  private func idAt(_ position: Int, _ offset: Int) -> String? {
    guard let segment = segment(holding: position),
      let file = try? FileHandleFD(path: segment.path, flags: O_RDONLY),
      let line = try? SegmentLines.line(in: file, at: offset)
    else { return nil }
    return line.withUnsafeBufferPointer { buffer in
      RecordView.parse(buffer).flatMap { $0.position == position ? $0.id : nil }
    }
  }

  /// Reads the log from `position` to the tail and adds each record to the indexes that lack it.
  private func indexRecords(from position: Int) throws(StoreError) {
    guard let startSegment = segment(holding: position) else { return }
    var offset = 0
    if position > startSegment.firstPosition {
      // The record before `position` is indexed: start just past its line.
      guard let previous = try readLine(at: position - 1) else {
        throw StoreError.corrupt(
          "cannot find position \(position - 1) in \(startSegment.path)", position: position - 1, offset: nil,
          file: startSegment.path)
      }
      offset = index.offsets[position - 2] + previous.count + 1
    }
    var expected = position
    for segment in segments where segment.firstPosition >= startSegment.firstPosition {
      let file = try FileHandleFD(path: segment.path, flags: O_RDONLY)
      let limit = segment == tail.lastSegment ? tail.endOffset : try file.size()
      let lines = SegmentLines(file: file, from: segment == startSegment ? offset : 0, limit: limit)
      try lines.forEach { (line, lineOffset) throws(StoreError) -> Bool in
        guard let view = RecordView.parse(line), view.position == expected else {
          throw StoreError.corrupt(
            "damaged record at position \(expected), byte \(lineOffset) of \(segment.path)", position: expected,
            offset: lineOffset, file: segment.path)
        }
        if expected > index.count {
          let id = view.id
          index.add(id: id, offset: lineOffset, collides: index.candidate(for: id) != nil)
        }
        if expected > streamIndex.count { streamIndex.add(stream: StreamIndex.hash(of: view), offset: lineOffset) }
        expected += 1
        return true
      }
    }
  }

  // MARK: - Writing

  /// Encodes and durably writes `events` after the tail as one batch.
  private func write(_ events: [CanonicalEvent]) throws(StoreError) {
    try rotateIfNeeded()
    guard let writer, let segment = tail.lastSegment else { throw StoreError(.io, "no segment to write to") }
    let first = tail.position + 1
    let batchEnd = tail.position + events.count
    let recorded = nextRecordedTime()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(events.count * 400)
    var hash = tail.hash
    var lineOffsets: [Int] = []
    lineOffsets.reserveCapacity(events.count)
    for (n, event) in events.enumerated() {
      lineOffsets.append(tail.endOffset + bytes.count)
      hash = RecordEncoder.encode(
        event, position: first + n, batchEnd: batchEnd, recorded: recorded, previousHash: hash, into: &bytes)
      guard bytes.count - (lineOffsets.last! - tail.endOffset) <= TailScanner.maximumLineBytes else {
        throw StoreError(
          .invalidInput, "event \(n + 1) (id '\(event.id)') is larger than \(TailScanner.maximumLineBytes) bytes")
      }
    }
    do throws(StoreError) {
      try writer.writeAll(bytes)
      try writer.sync()
    } catch {
      undoPartialWrite(segment)
      throw error
    }
    commit(
      Committed(position: batchEnd, hash: hash, recorded: recorded, bytes: bytes.count), ids: events.map(\.id),
      streams: events.map { StreamIndex.hash($0.stream.utf8) }, offsets: lineOffsets)
  }

  /// A batch that is on disk and synced: its last position and hash, its recorded time, its size.
  private struct Committed {
    var position: Int
    var hash: [UInt8]
    var recorded: String
    var bytes: Int
  }

  /// Moves the tail past a synced batch and indexes its ids and stream hashes at their byte offsets.
  private func commit(_ batch: Committed, ids: [String], streams: [UInt64], offsets: [Int]) {
    tail.position = batch.position
    tail.hash = batch.hash
    tail.recorded = batch.recorded
    tail.endOffset += batch.bytes
    tail.fileSize = tail.endOffset
    for (n, id) in ids.enumerated() {
      index.add(id: id, offset: offsets[n], collides: index.candidate(for: id) != nil)
      streamIndex.add(stream: streams[n], offset: offsets[n])
    }
    index.flush(to: layout.positionIndexPath)
    streamIndex.flush(to: layout.streamIndexPath)
  }

  /// After a failed write or fsync, cuts the segment back to the last committed byte.
  private func undoPartialWrite(_ segment: Segment) {
    if let file = try? FileHandleFD(path: segment.path, flags: O_WRONLY) {
      try? file.truncate(to: tail.endOffset)
      try? file.sync()
    }
  }

  /// Starts a new segment when there is none or the current one is full.
  private func rotateIfNeeded() throws(StoreError) {
    if tail.lastSegment != nil && tail.endOffset < manifest.segmentBytes { return }
    if let last = tail.lastSegment, last.firstPosition == tail.position + 1 { return }  // already empty
    let next = Segment(firstPosition: tail.position + 1, path: layout.segmentPath(startingAt: tail.position + 1))
    let file = try FileHandleFD(path: next.path, flags: O_WRONLY | O_CREAT | O_EXCL | O_APPEND, mode: 0o644)
    try file.sync()
    try FileSystem.syncDirectory(layout.segmentsPath)
    segments.append(next)
    tail.lastSegment = next
    tail.endOffset = 0
    tail.fileSize = 0
    writer = file
  }

  /// The recorded time for the next batch: now, but never earlier than the last record's.
  private func nextRecordedTime() -> String {
    let now = Clock.timestamp(clock.now())
    guard let last = tail.recorded, last > now else { return now }
    return last
  }
}
