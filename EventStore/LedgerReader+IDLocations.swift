#if canImport(Glibc)
  import Glibc
#endif

extension LedgerReader {
  /// The 64-bit FNV-1a hash of an id's UTF-8 bytes, as the position index keeps it.
  public static func idHash(_ id: String) -> UInt64 { PositionIndex.hash(id.utf8) }

  /// Calls `body` with the id hash and location of every committed record, in position order.
  ///
  /// The entries come from the position index file where its last entry agrees with the log, and
  /// from reading the log past it (or all of it, without the index). Callers confirm an id by
  /// reading its record: the index is a cache, never trusted over the log.
  /// - Throws: `.corrupt` or `.io` from reading the log.
  public func forEachIDLocation(_ body: (_ hash: UInt64, _ location: RecordLocation) -> Void) throws {
    let indexed = indexedIDLocations(body)
    guard indexed < head.position else { return }
    var reader = self
    reader.verifiesHashes = false  // ids only: the records were checked when first read
    try reader.forEach(ReadFilter(from: indexed + 1)) { view in
      body(view.idHash, view.location)
      return true
    }
  }

  /// Reads the position index file's entries up to the head, if its last entry agrees with the
  /// log; returns the last position given.
  private func indexedIDLocations(_ body: (UInt64, RecordLocation) -> Void) -> Int {
    guard let bytes = try? FileSystem.readAll(layout.positionIndexPath) else { return 0 }
    let entries = min(bytes.count / 16, head.position)
    guard entries > 0 else { return 0 }
    let (lastHash, lastOffset) = PositionIndex.entry(bytes, entries - 1)
    guard let lastSegment = segments.lastIndex(where: { $0.firstPosition <= entries }),
      confirmsID(lastHash, position: entries, at: RecordLocation(segment: lastSegment, offset: lastOffset))
    else { return 0 }
    var segment = 0
    for i in 0..<entries {
      while segment + 1 < segments.count && segments[segment + 1].firstPosition <= i + 1 { segment += 1 }
      let (hash, offset) = PositionIndex.entry(bytes, i)
      body(hash, RecordLocation(segment: segment, offset: offset))
    }
    return entries
  }

  /// Whether the record at `location` holds `position` and an id with this hash.
  private func confirmsID(_ hash: UInt64, position: Int, at location: RecordLocation) -> Bool {
    guard location.offset >= 0, let file = try? FileHandleFD(path: segments[location.segment].path, flags: O_RDONLY),
      let line = try? SegmentLines.line(in: file, at: location.offset)
    else { return false }
    return line.withUnsafeBufferPointer { buffer in
      RecordView.parse(buffer).map { $0.position == position && $0.idHash == hash } ?? false
    }
  }
}
