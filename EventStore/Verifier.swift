#if canImport(Glibc)
  import Glibc
#endif

/// What a successful `verify` found.
public struct VerifyReport: Sendable, Equatable {
  public var records: Int
  public var lastPosition: Int
  public var headHash: String
  public var segments: Int
  public var bytes: Int
}

/// Checks every record of a ledger and the whole hash chain.
///
/// It proves: segment names match their first positions; positions run 1…n without gaps,
/// duplicates or reordering; every line has the record layout; every hash links to the one
/// before; batches are whole (every batch ends in a commit record, closed segments end on one);
/// and nothing but a cleanly removable interrupted batch follows the head.
public enum Verifier {
  /// Verifies the ledger at `path`.
  ///
  /// - Parameter progress: called now and then with (bytes checked, total bytes).
  /// - Throws: `StoreError.corrupt` naming the first bad position, byte offset and file.
  public static func verify(
    at path: String, progress: (Int, Int) -> Void = { _, _ in }
  ) throws(StoreError) -> VerifyReport {
    let layout = LedgerLayout(directory: path)
    _ = try Manifest.read(layout)
    let snapshot = try lockedSnapshot(layout)
    let segments = snapshot.segments
    var total = 0
    for segment in segments { total += try FileHandleFD(path: segment.path, flags: O_RDONLY).size() }
    var state = ChainState()
    var checkedBytes = 0
    for (i, segment) in segments.enumerated() {
      let isLast = i == segments.count - 1
      let limit = isLast ? snapshot.tail.endOffset : try FileHandleFD(path: segment.path, flags: O_RDONLY).size()
      try checkSegment(segment, limit: limit, isLast: isLast, state: &state) { done in
        progress(checkedBytes + done, total)
      }
      checkedBytes += limit
    }
    if let tailDamage = snapshot.tailDamage { throw tailDamage }  // only after earlier damage was looked for
    if snapshot.tail.uncommittedBytes > 0 { throw try interruptedBatch(snapshot.tail) }
    return VerifyReport(
      records: state.position, lastPosition: state.position, headHash: HashChain.hexString(state.hash),
      segments: segments.count, bytes: checkedBytes)
  }

  /// The segments and tail, read while holding the writers' lock so no batch is in flight.
  ///
  /// Damage found while checking the tail is returned, not thrown, so that the full scan can name
  /// earlier damage first (the first bad position is the one to report).
  private static func lockedSnapshot(_ layout: LedgerLayout) throws(StoreError) -> (
    segments: [Segment], tail: CommittedTail, tailDamage: StoreError?
  ) {
    let lock = try? FileHandleFD(path: layout.lockPath, flags: O_RDONLY)
    try lock?.lockExclusive()
    defer { lock?.unlock() }
    let segments = try Segment.list(layout)
    do {
      return (segments, try TailScanner.scan(segments, validate: true), nil)
    } catch {
      return (segments, try TailScanner.scan(segments, validate: false), error)
    }
  }

  /// The running state of the chain across segments.
  struct ChainState {
    var position = 0
    var hash = HashChain.genesis
    var batchEnd = 0
    /// Where the next link is computed, then swapped with `hash`: no allocation per record.
    var next = HashChain.genesis
  }

  /// The error for bytes after the head: an interrupted batch, or a last record missing its
  /// line break (which a flipped bit can cause), named by position.
  private static func interruptedBatch(_ tail: CommittedTail) throws(StoreError) -> StoreError {
    let last = tail.lastSegment!
    let file = try FileHandleFD(path: last.path, flags: O_RDONLY)
    let rest = try file.readBytes(tail.endOffset..<tail.fileSize)
    let finalLineStart = (rest.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
    let finalLine = Array(rest[finalLineStart...])
    if let unterminated = TailScanner.parseLine(finalLine, start: tail.endOffset + finalLineStart),
      unterminated.position == unterminated.batchEnd
    {
      return StoreError.corrupt(
        "record at position \(unterminated.position) (byte \(unterminated.start) of \(last.path)) has no line break, so its batch is incomplete",
        position: unterminated.position, offset: unterminated.start, file: last.path)
    }
    return StoreError(
      .corrupt,
      "\(tail.uncommittedBytes) bytes of an interrupted batch follow position \(tail.position) in \(last.path)",
      hint: "the batch was never acknowledged; opening the ledger for writing (any append) removes it",
      position: tail.position + 1, offset: tail.endOffset, file: last.path)
  }

  private static func checkSegment(
    _ segment: Segment, limit: Int, isLast: Bool, state: inout ChainState, progress: (Int) -> Void
  ) throws(StoreError) {
    guard segment.firstPosition == state.position + 1 else {
      let what =
        segment.firstPosition > state.position + 1
        ? "positions \(state.position + 1)…\(segment.firstPosition - 1) are missing (a deleted segment?)"
        : "it overlaps the segment before it"
      throw StoreError.corrupt(
        "segment \(segment.path) starts at position \(segment.firstPosition): \(what)",
        position: state.position + 1, offset: 0, file: segment.path)
    }
    let file = try FileHandleFD(path: segment.path, flags: O_RDONLY)
    let size = limit
    let lines = SegmentLines(file: file, from: 0, limit: size, bufferSize: 4 << 20)
    var checked = 0
    let end = try lines.forEach { (line, offset) throws(StoreError) -> Bool in
      try checkRecord(line, offset: offset, file: segment.path, state: &state)
      checked += 1
      if checked & 0x3FFF == 0 { progress(offset) }
      return true
    }
    try checkSegmentEnd(segment, end: end, size: size, isLast: isLast, state: state)
  }

  private static func checkRecord(
    _ line: UnsafeBufferPointer<UInt8>, offset: Int, file: String, state: inout ChainState
  ) throws(StoreError) {
    let expected = state.position + 1
    func damage(_ what: String) -> StoreError {
      StoreError.corrupt(
        "record at position \(expected) (byte \(offset) of \(file)) \(what)", position: expected, offset: offset,
        file: file)
    }
    guard let view = RecordView.parse(line, checkingHashDigits: false) else {
      throw damage("is not a valid record line")
    }
    guard view.position == expected else {
      throw damage(
        "has position \(view.position): records are \(view.position < expected ? "duplicated or reordered" : "missing")"
      )
    }
    let startsBatch = state.batchEnd < expected
    guard startsBatch ? view.batchEnd >= expected : view.batchEnd == state.batchEnd else {
      throw damage("declares batch end \(view.batchEnd), but its batch ends at \(state.batchEnd)")
    }
    let matches = link(view, into: &state)
    guard matches else { throw damage("does not match its hash") }
    swap(&state.hash, &state.next)
    state.position = expected
    state.batchEnd = view.batchEnd
  }

  /// Computes the record's link into `state.next`; whether it matches the stored hash.
  private static func link(_ view: RecordView, into state: inout ChainState) -> Bool {
    state.next.withUnsafeMutableBytes { next in
      state.hash.withUnsafeBytes { HashChain.link(previous: $0, content: view.hashedContent, into: next.baseAddress!) }
      return HashChain.matches(UnsafeRawBufferPointer(next), hex: view.hashHex)
    }
  }

  private static func checkSegmentEnd(
    _ segment: Segment, end: Int, size: Int, isLast: Bool, state: ChainState
  ) throws(StoreError) {
    if end < size && !isLast {
      throw StoreError.corrupt(
        "segment \(segment.path) ends with \(size - end) bytes that are not a whole record",
        position: state.position + 1,
        offset: end, file: segment.path)
    }
    if state.batchEnd != state.position && !isLast {
      throw StoreError.corrupt(
        "segment \(segment.path) ends inside a batch (position \(state.position) of a batch ending at \(state.batchEnd))",
        position: state.position, offset: end, file: segment.path)
    }
  }
}
