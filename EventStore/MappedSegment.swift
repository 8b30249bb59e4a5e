#if canImport(Glibc)
  import Glibc
#endif

/// The committed bytes of one segment, memory-mapped for reading records at known offsets.
///
/// Unlike `SegmentMapping`, which streams through a segment and releases pages behind it, this
/// keeps the whole committed range mapped while a read through the stream index uses it; only the
/// pages holding the records read are touched.
final class MappedSegment {
  /// The segment file's path, for error messages.
  let path: String
  /// The committed bytes.
  let bytes: UnsafeBufferPointer<UInt8>

  /// Maps the first `limit` bytes of `file`; nil when the range is empty or the system refuses.
  init?(file: FileHandleFD, limit: Int) {
    guard limit > 0, let pointer = mmap(nil, limit, PROT_READ, MAP_SHARED, file.fd, 0), pointer != MAP_FAILED
    else { return nil }
    path = file.path
    bytes = UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: limit)
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }

  /// The line that starts at `offset`, without its newline; nil unless a line starts there
  /// (at the start of the file or just after a newline) and ends before the committed limit.
  func line(at offset: Int) -> UnsafeBufferPointer<UInt8>? {
    guard offset >= 0, offset < bytes.count, offset == 0 || bytes[offset - 1] == 0x0A else { return nil }
    let window = min(bytes.count - offset, TailScanner.maximumLineBytes + 1)
    guard let hit = memchr(bytes.baseAddress! + offset, 0x0A, window) else { return nil }
    let end = UnsafeRawPointer(bytes.baseAddress!).distance(to: UnsafeRawPointer(hit))
    return UnsafeBufferPointer(rebasing: bytes[offset..<end])
  }

  /// The 64 hex digits of the stored hash of the line that ends just before `offset` (which
  /// follows its newline), if that line ends with the record layout's hash suffix.
  func storedHash(endingBefore offset: Int) -> UnsafeBufferPointer<UInt8>? {
    let start = offset - 1 - RecordLayout.hashSuffixLength
    guard start >= 0, offset <= bytes.count, bytes[offset - 1] == 0x0A else { return nil }
    let suffix = UnsafeBufferPointer(rebasing: bytes[start..<(offset - 1)])
    let key = RecordLayout.hashKey
    guard suffix.prefix(key.count).elementsEqual(key), suffix[suffix.count - 2] == UInt8(ascii: "\""),
      suffix[suffix.count - 1] == UInt8(ascii: "}")
    else { return nil }
    let hex = UnsafeBufferPointer(rebasing: suffix[key.count..<(key.count + 64)])
    return hex.allSatisfy { ($0 &- UInt8(ascii: "0")) <= 9 || ($0 &- UInt8(ascii: "a")) <= 5 } ? hex : nil
  }
}
