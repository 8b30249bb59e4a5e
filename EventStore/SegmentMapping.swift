#if canImport(Glibc)
  import Glibc
#endif

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
