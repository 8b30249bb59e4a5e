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
      guard buffer.count < TailScanner.maximumLineBytes * 2 else { throw SegmentLines.lineTooLong(at: bufferStart, path: file.path) }
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

/// A read-only memory mapping of part of a segment file.
///
/// Only the committed part is mapped and read; writers only ever append after it, and recovery
/// truncates only bytes after the last complete batch, so the mapped range never shrinks under a
/// reader. Pages already read are released every few megabytes so resident memory stays bounded.
final class SegmentMapping {
  private let base: UnsafeMutableRawPointer
  private let length: Int
  /// The file offset of `base` (a multiple of the page size).
  private let origin: Int
  private static let releaseEvery = 8 << 20

  /// Maps `[from, to)` of `file`; nil when the range is empty or the system refuses.
  init?(file: FileHandleFD, from: Int, to: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let origin = from / page * page
    let length = to - origin
    guard to > from, page > 0,
      let pointer = mmap(nil, length, PROT_READ, MAP_SHARED, file.fd, off_t(origin)), pointer != MAP_FAILED
    else { return nil }
    _ = madvise(pointer, length, MADV_SEQUENTIAL)
    base = pointer
    self.length = length
    self.origin = origin
  }

  deinit { munmap(base, length) }

  /// Hands out each complete line in `[from, to)` as `SegmentLines.forEach` does.
  func forEach(
    from: Int, to: Int, path: String, _ body: (UnsafeBufferPointer<UInt8>, Int) throws(StoreError) -> Bool
  ) throws(StoreError) -> Int {
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    var cursor = from - origin
    let end = to - origin
    var released = cursor / SegmentMapping.releasePage * SegmentMapping.releasePage
    while cursor < end {
      let window = min(end - cursor, TailScanner.maximumLineBytes + 1)
      guard let hit = memchr(bytes + cursor, 0x0A, window) else {
        if window > TailScanner.maximumLineBytes { throw SegmentLines.lineTooLong(at: origin + cursor, path: path) }
        break  // an incomplete line at the limit is not handed out
      }
      let lineEnd = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(hit))
      let keepGoing = try body(UnsafeBufferPointer(start: bytes + cursor, count: lineEnd - cursor), origin + cursor)
      cursor = lineEnd + 1
      if !keepGoing { break }
      if cursor - released >= SegmentMapping.releaseEvery {
        let upTo = cursor / SegmentMapping.releasePage * SegmentMapping.releasePage
        _ = madvise(base + released, upTo - released, MADV_DONTNEED)
        released = upTo
      }
    }
    return origin + cursor
  }

  private static let releasePage = Int(sysconf(Int32(_SC_PAGESIZE)))
}
