#if canImport(Glibc)
  import Glibc
#endif

/// Reads the lines of one segment file sequentially.
///
/// The committed part of the file is memory-mapped where the system allows it (no copy from the
/// page cache), and read through a reusable buffer otherwise. Lines are handed out as borrowed
/// buffers with their byte offsets; memory stays bounded whatever the file size: the buffer (plus
/// the longest line), or the mapped pages, which are released as reading moves on.
final class SegmentLines {
  let file: FileHandleFD
  /// Reading stops here (exclusive): the end of the committed part of the file.
  let limit: Int
  private let bufferSize: Int
  private var mapping: SegmentMapping?
  /// With a mapping: the file offset of the next line to hand out.
  private var next: Int
  private var buffer: UnsafeMutableBufferPointer<UInt8> = .init(start: nil, count: 0)
  private var bufferStart = 0  // file offset of buffer[0]
  private var filled = 0
  private var cursor = 0  // index in buffer of the next line

  /// - Parameter mapped: false reads through the buffer even where mapping would work (tests).
  init(file: FileHandleFD, from offset: Int, limit: Int, bufferSize: Int = 1 << 20, mapped: Bool = true) {
    self.file = file
    self.limit = limit
    self.next = offset
    self.bufferSize = bufferSize
    self.bufferStart = offset
    mapping = mapped ? SegmentMapping(file: file, from: offset, to: limit) : nil
  }

  deinit { buffer.deallocate() }

  /// Calls `body` with each complete line (newline excluded) and its file offset, in order,
  /// until the limit or until `body` returns false.
  ///
  /// - Returns: the file offset just past the last line handed out.
  @discardableResult
  func forEach(
    _ body: (UnsafeBufferPointer<UInt8>, Int) throws(StoreError) -> Bool
  ) throws(StoreError) -> Int {
    if let mapping {
      next = try mapping.forEach(from: next, to: limit, path: file.path, body)
      return next
    }
    if buffer.baseAddress == nil { buffer = .allocate(capacity: bufferSize) }
    while true {
      if let (start, end) = nextLineBounds() {
        let offset = bufferStart + start
        let keepGoing = try body(UnsafeBufferPointer(rebasing: buffer[start..<end]), offset)
        cursor = end + 1
        if !keepGoing { return bufferStart + cursor }
        continue
      }
      guard try refill() else { return bufferStart + cursor }
    }
  }

  /// An error for a line longer than any record the store writes.
  static func lineTooLong(at offset: Int, path: String) -> StoreError {
    StoreError.corrupt(
      "line at byte \(offset) of \(path) is longer than \(TailScanner.maximumLineBytes) bytes",
      position: nil, offset: offset, file: path)
  }

  /// Bounds of the next complete line in the buffer, if one is there.
  private func nextLineBounds() -> (Int, Int)? {
    guard cursor < filled, let base = buffer.baseAddress,
      let hit = memchr(base + cursor, 0x0A, filled - cursor)
    else { return nil }
    return (cursor, base.distance(to: hit.assumingMemoryBound(to: UInt8.self)))
  }

  /// Moves the unread tail to the front and reads more; false at the limit.
  private func refill() throws(StoreError) -> Bool {
    let remaining = filled - cursor
    if cursor > 0 {
      if remaining > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + cursor, remaining) }
      bufferStart += cursor
      filled = remaining
      cursor = 0
    }
    if filled == buffer.count {
      guard buffer.count < TailScanner.maximumLineBytes * 2 else {
        throw SegmentLines.lineTooLong(at: bufferStart, path: file.path)
      }
      let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
      _ = larger.initialize(from: buffer)
      buffer.deallocate()
      buffer = larger
    }
    let want = min(buffer.count - filled, limit - (bufferStart + filled))
    guard want > 0 else { return false }
    let n = try file.read(
      into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled..<(filled + want)])),
      at: bufferStart + filled)
    guard n > 0 else { return false }
    filled += n
    return true
  }

  /// Reads the single line that starts at `offset` of `file`.
  static func line(in file: FileHandleFD, at offset: Int) throws(StoreError) -> [UInt8]? {
    var window = 4096
    while window <= TailScanner.maximumLineBytes {
      let bytes = try file.readBytes(offset..<(offset + window))
      if let end = bytes.firstIndex(of: 0x0A) { return Array(bytes[..<end]) }
      if bytes.count < window { return nil }
      window *= 4
    }
    return nil
  }
}
