#if canImport(Glibc)
  import Glibc
#endif

/// The last committed record of a ledger and what follows it, found by reading the tail only.
struct CommittedTail {
  /// The last committed position; 0 for an empty ledger.
  var position = 0
  /// The chain hash of that record (32 zero bytes for an empty ledger).
  var hash = HashChain.genesis
  /// The recorded time of that record.
  var recorded: String? = nil
  /// The last segment file, where the next batch goes (nil when none exists yet).
  var lastSegment: Segment? = nil
  /// The byte offset in `lastSegment` just past the last committed record.
  var endOffset = 0
  /// The size of `lastSegment`; bytes past `endOffset` belong to an interrupted batch.
  var fileSize = 0

  /// Bytes of an interrupted batch at the end of the last segment.
  var uncommittedBytes: Int { fileSize - endOffset }
}

/// Finds the committed tail of a ledger without scanning the log.
///
/// A batch commits at its last record (`pos == batch`), and batches never span segments, so
/// the head is the last commit record of the last segment, or of the one before when the last
/// segment holds only an interrupted batch.
enum TailScanner {
  /// A located line: its byte range in the file (newline excluded) and its parsed header.
  struct Line {
    var start: Int
    var end: Int
    var bytes: [UInt8]
    var position: Int
    var batchEnd: Int
    var hashHex: [UInt8]
    var recorded: String
  }

  /// The longest record line the store writes or accepts.
  static let maximumLineBytes = 4 << 20

  /// Finds the committed tail; with `validate`, also proves that bytes after it are only an
  /// interrupted batch and that the last commit record's hash is right.
  ///
  /// - Throws: `StoreError.corrupt` naming the position and byte offset of damage.
  static func scan(_ segments: [Segment], validate: Bool) throws(StoreError) -> CommittedTail {
    guard let last = segments.last else { return CommittedTail() }
    let file = try FileHandleFD(path: last.path, flags: O_RDONLY)
    let size = try file.size()
    var tail = CommittedTail(lastSegment: last, fileSize: size)
    if let commit = try lastCommit(in: file, size: size) {
      tail.position = commit.position
      tail.recorded = commit.recorded
      tail.endOffset = commit.end + 1
      tail.hash = HashChain.bytes(fromHex: commit.hashHex)
      if validate { try checkCommit(commit, in: file, segments: segments) }
    } else {
      try adoptPreviousSegment(segments, into: &tail, validate: validate)
      if tail.position + 1 != last.firstPosition, tail.position != 0 || last.firstPosition != 1 {
        throw StoreError.corrupt(
          "segment \(last.path) starts at position \(last.firstPosition) but the log before it ends at \(tail.position)",
          position: tail.position + 1, offset: 0, file: last.path)
      }
    }
    if validate && tail.uncommittedBytes > 0 {
      try checkInterruptedBatch(file, from: tail.endOffset, size: size, after: tail)
    }
    return tail
  }

  /// With the last segment holding no commit, the head is the end of the previous segment.
  private static func adoptPreviousSegment(
    _ segments: [Segment], into tail: inout CommittedTail, validate: Bool
  ) throws(StoreError) {
    guard segments.count >= 2 else { return }
    let previous = segments[segments.count - 2]
    let file = try FileHandleFD(path: previous.path, flags: O_RDONLY)
    let size = try file.size()
    guard let commit = try lastCommit(in: file, size: size), commit.end + 1 == size else {
      throw StoreError.corrupt(
        "closed segment \(previous.path) does not end with a complete batch", position: nil, offset: size,
        file: previous.path)
    }
    if validate { try checkCommit(commit, in: file, segments: Array(segments.dropLast())) }
    tail.position = commit.position
    tail.recorded = commit.recorded
    tail.hash = HashChain.bytes(fromHex: commit.hashHex)
  }

  /// The last line of `file` that parses as a record and ends a batch, reading backwards.
  static func lastCommit(in file: FileHandleFD, size: Int) throws(StoreError) -> Line? {
    try lastLine(in: file, size: size) { $0.position == $0.batchEnd }
  }

  /// The last complete line before `limit` that parses as a record and satisfies `accept`.
  static func lastLine(
    in file: FileHandleFD, size limit: Int, where accept: (Line) -> Bool
  ) throws(StoreError) -> Line? {
    var window = min(limit, 256 << 10)
    while window > 0 {
      let base = limit - window
      let bytes = try file.readBytes(base..<limit)
      var end = bytes.lastIndex(of: 0x0A)
      while let lineEnd = end {
        let before = bytes[..<lineEnd].lastIndex(of: 0x0A)
        if before == nil && base > 0 { break }  // this line may start before the window
        let lineStart = before.map { $0 + 1 } ?? 0
        if let line = parseLine(Array(bytes[lineStart..<lineEnd]), start: base + lineStart), accept(line) {
          return line
        }
        end = before
      }
      if base == 0 || window >= maximumLineBytes * 2 { return nil }
      window = min(limit, window * 4)
    }
    return nil
  }

  /// Parses a line's header, or nil when it is not a record.
  static func parseLine(_ bytes: [UInt8], start: Int) -> Line? {
    bytes.withUnsafeBufferPointer { buffer in
      RecordView.parse(buffer).map { view in
        Line(
          start: start, end: start + bytes.count, bytes: bytes, position: view.position,
          batchEnd: view.batchEnd, hashHex: Array(view.hashHex), recorded: view.recorded)
      }
    }
  }

  /// Checks the last commit record's hash against the record before it.
  private static func checkCommit(
    _ commit: Line, in file: FileHandleFD, segments: [Segment]
  ) throws(StoreError) {
    let previous = try predecessor(of: commit, in: file, segments: segments)
    guard previous.position + 1 == commit.position else {
      throw StoreError.corrupt(
        "record at byte \(commit.start) of \(file.path) has position \(commit.position), expected \(previous.position + 1)",
        position: commit.position, offset: commit.start, file: file.path)
    }
    let expected = commit.bytes.withUnsafeBufferPointer { buffer in
      HashChain.hex(HashChain.link(previous: previous.hash, record: RecordView.parse(buffer)!))
    }
    guard expected == commit.hashHex else {
      throw StoreError.corrupt(
        "record at position \(commit.position) (byte \(commit.start) of \(file.path)) does not match its hash",
        position: commit.position, offset: commit.start, file: file.path)
    }
  }

  /// The position and hash of the record before `line`: in the same file, the previous
  /// segment, or the genesis.
  private static func predecessor(
    of line: Line, in file: FileHandleFD, segments: [Segment]
  ) throws(StoreError) -> (position: Int, hash: [UInt8]) {
    if line.start > 0 {
      guard let previous = try lastLine(in: file, size: line.start, where: { _ in true }),
        previous.end + 1 == line.start
      else {
        throw StoreError.corrupt(
          "damaged record before byte \(line.start) of \(file.path)", position: line.position - 1,
          offset: line.start, file: file.path)
      }
      return (previous.position, HashChain.bytes(fromHex: previous.hashHex))
    }
    guard segments.count >= 2 else { return (0, HashChain.genesis) }
    let before = segments[segments.count - 2]
    let previousFile = try FileHandleFD(path: before.path, flags: O_RDONLY)
    let size = try previousFile.size()
    guard let previous = try lastCommit(in: previousFile, size: size), previous.end + 1 == size else {
      throw StoreError.corrupt(
        "closed segment \(before.path) does not end with a complete batch", position: nil, offset: size,
        file: before.path)
    }
    return (previous.position, HashChain.bytes(fromHex: previous.hashHex))
  }

  /// Proves that the bytes after the committed tail are an interrupted batch, not damage:
  /// whole lines there must be valid, chained, uncommitted records following the head; only the
  /// final line may be cut short (or be zero bytes left by a lost write).
  private static func checkInterruptedBatch(
    _ file: FileHandleFD, from start: Int, size: Int, after tail: CommittedTail
  ) throws(StoreError) {
    let bytes = try file.readBytes(start..<size)
    var expected = tail.position + 1
    var hash = tail.hash
    var lineStart = 0
    while lineStart < bytes.count {
      let newline = bytes[lineStart...].firstIndex(of: 0x0A)
      let lineEnd = newline ?? bytes.count
      let ok = bytes.withUnsafeBufferPointer { buffer -> Bool in
        let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
        if newline == nil { return true }  // the final line of an interrupted write, cut short
        guard let view = RecordView.parse(line), view.position == expected, view.batchEnd > view.position,
          HashChain.link(previous: hash, record: view) == HashChain.bytes(fromHex: Array(view.hashHex))
        else { return line.allSatisfy { $0 == 0 } }
        hash = HashChain.bytes(fromHex: Array(view.hashHex))
        return true
      }
      guard ok else {
        throw StoreError.corrupt(
          "damaged record at position \(expected), byte \(start + lineStart) of \(file.path), after the last complete batch",
          position: expected, offset: start + lineStart, file: file.path)
      }
      expected += 1
      lineStart = lineEnd + 1
    }
  }
}
