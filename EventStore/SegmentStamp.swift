#if canImport(Glibc)
  import Glibc
#endif

/// The name, size and modification time of a segment file: cheap to read, and changed by any
/// write to the file, so caches built from the log can tell that its bytes may have changed.
public struct SegmentStamp: Sendable, Equatable {
  public var name: String
  public var bytes: Int
  /// `st_mtim`, in nanoseconds since the epoch.
  public var modified: Int

  public init(name: String, bytes: Int, modified: Int) {
    self.name = name
    self.bytes = bytes
    self.modified = modified
  }

  /// The stamps of every segment of the ledger at `directory`, in position order.
  public static func all(ledger directory: String) throws(StoreError) -> [SegmentStamp] {
    try Segment.list(LedgerLayout(directory: directory)).map { segment throws(StoreError) in
      var info = stat()
      guard stat(segment.path, &info) == 0 else { throw StoreError.io("stat", segment.path, errno) }
      let name = String(segment.path.split(separator: "/").last ?? "")
      return SegmentStamp(
        name: name, bytes: Int(info.st_size),
        modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }
  }

  /// Whether the segments now on disk can still hold the bytes these stamps were taken of: every
  /// segment unchanged, except that the last may have grown by appends (its earlier bytes are
  /// then not re-checked), and new segments may follow.
  public static func stillHold(_ then: [SegmentStamp], now: [SegmentStamp]) -> Bool {
    guard now.count >= then.count else { return false }
    for (index, old) in then.enumerated() {
      let current = now[index]
      guard current.name == old.name else { return false }
      let isLast = index == then.count - 1
      if current.bytes == old.bytes {
        if current.modified != old.modified { return false }
      } else if !isLast || current.bytes < old.bytes {
        return false
      }
    }
    return true
  }
}
