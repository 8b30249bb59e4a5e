#if canImport(Glibc)
  import Glibc
#endif

extension LedgerReader {
  /// The records the stream index lists for a read's streams, and how far it could answer.
  struct IndexedRecords {
    var positions: [Int] = []
    var offsets: [Int] = []
    /// The last position the index answered for; the read takes later ones from the log.
    var covered: Int
  }

  /// One record located through the index: its segment (an index into `segments`), offset and
  /// parsed line (valid while the segment's mapping lives).
  private struct Located {
    var segment: Int
    var offset: Int
    var view: RecordView
  }

  /// Reads the records of `filter`'s streams through the stream index, as `forEach` would.
  ///
  /// - Returns: nil when the index cannot be used (missing, damaged from `filter.from`, not
  ///   confirmed by the log, or listing a record that is not where it says): nothing was handed
  ///   to `body` then. Otherwise whether `body` asked to stop, and the last position covered.
  func readIndexed(
    _ filter: ReadFilter, streams: Set<String>, through last: Int, _ body: (RecordView) throws -> Bool
  ) throws -> (stopped: Bool, covered: Int)? {
    guard usesStreamIndex, let found = indexedRecords(streams, from: filter.from, through: last) else { return nil }
    let maps = mappings(for: found.positions)
    return try withExtendedLifetime(maps) { () throws -> (stopped: Bool, covered: Int)? in
      guard let located = locate(found, in: maps, streams: streams) else { return nil }
      let stopped = try hand(located, filter: filter, maps: maps, body)
      return (stopped, found.covered)
    }
  }

  /// The positions and offsets the stream index lists for `streams` in `[from, last]`, or nil.
  ///
  /// The index is read from `from` until its first damaged entry, its end or `last`; the last
  /// entry read must be confirmed by the log.
  func indexedRecords(_ streams: Set<String>, from: Int, through last: Int) -> IndexedRecords? {
    guard let file = try? FileHandleFD(path: layout.streamIndexPath, flags: O_RDONLY), let size = try? file.size()
    else { return nil }
    let through = min(size / StreamIndex.entryBytes, last)
    guard through >= from else { return nil }
    let wanted = streams.map { StreamIndex.hash($0.utf8) }
    var found = IndexedRecords(covered: from - 1)
    var lastEntry: StreamIndex.Entry? = nil
    try? StreamIndex.scanChunks(file, from: from, through: through) { start, words in
      for i in 0..<(words.count / 3) {
        guard let entry = StreamIndex.entry(words, i, position: start + i) else { return false }
        if wanted.contains(entry.stream) {
          found.positions.append(start + i)
          found.offsets.append(entry.offset)
        }
        found.covered = start + i
        lastEntry = entry
      }
      return true
    }
    guard let lastEntry, let segment = segmentIndex(holding: found.covered),
      StreamIndex.confirm(lastEntry, position: found.covered, segmentPath: segments[segment].path)
    else { return nil }
    return found
  }

  /// The index in `segments` of the segment holding `position`.
  private func segmentIndex(holding position: Int) -> Int? {
    segments.lastIndex { $0.firstPosition <= position }
  }

  /// The committed bytes of each segment holding one of `positions`, mapped.
  private func mappings(for positions: [Int]) -> [Int: MappedSegment] {
    var maps: [Int: MappedSegment] = [:]
    for position in positions {
      guard let i = segmentIndex(holding: position), maps[i] == nil else { continue }
      let segment = segments[i]
      guard let file = try? FileHandleFD(path: segment.path, flags: O_RDONLY),
        let limit = segment == tail.lastSegment ? tail.endOffset : try? file.size(),
        let map = MappedSegment(file: file, limit: limit)
      else { continue }
      maps[i] = map
    }
    return maps
  }

  /// Each listed record's line, checked to be at its position and in one of `streams`; nil when
  /// any is not, so that the caller reads the log instead.
  private func locate(_ found: IndexedRecords, in maps: [Int: MappedSegment], streams: Set<String>) -> [Located]? {
    let wanted = Set(streams.map { StreamIndex.hash($0.utf8) })
    var located: [Located] = []
    located.reserveCapacity(found.positions.count)
    for (position, offset) in zip(found.positions, found.offsets) {
      guard let segment = segmentIndex(holding: position), let map = maps[segment],
        let line = map.line(at: offset), let view = RecordView.parse(line), view.position == position,
        wanted.contains(StreamIndex.hash(of: view))
      else { return nil }
      located.append(Located(segment: segment, offset: offset, view: view))
    }
    return located
  }

  /// Filters, hash-checks and hands the located records to `body`; returns whether it stopped.
  private func hand(
    _ located: [Located], filter: ReadFilter, maps: [Int: MappedSegment], _ body: (RecordView) throws -> Bool
  ) throws -> Bool {
    let types = filter.types.map { $0.map { Array($0.utf8) } }
    let streams = filter.streams.map { $0.map { Array($0.utf8) } }
    for record in located {
      var view = record.view
      view.location = RecordLocation(segment: record.segment, offset: record.offset)
      if let types, !types.contains(where: { LedgerReader.equal(view.typeBytes, $0) }) { continue }
      if let streams, !streams.contains(where: { LedgerReader.equal(view.streamBytes, $0) }) { continue }
      if verifiesHashes {
        let previous = try previousHash(of: view, at: record.offset, in: maps[record.segment]!)
        try checkHash(view, previous: previous, offset: record.offset, file: segments[record.segment].path)
      }
      if try !body(view) { return true }
    }
    return false
  }

  /// The stored hash of the record just before `view` in its segment, read from the end of the
  /// line before it (the hash suffix has a fixed layout); nil for the first record of a segment
  /// (the caller then looks it up by position).
  ///
  /// The previous record is not used, so, as in a full read, its own hash is not checked; a
  /// wrong stored hash there fails `view`'s check.
  private func previousHash(of view: RecordView, at offset: Int, in map: MappedSegment) throws(StoreError) -> [UInt8]? {
    guard offset > 0 else { return nil }
    guard let hex = map.storedHash(endingBefore: offset) else {
      throw StoreError.corrupt(
        "damaged record at position \(view.position - 1), before byte \(offset) of \(map.path)",
        position: view.position - 1, offset: nil, file: map.path)
    }
    return HashChain.bytes(fromHex: hex)
  }
}
