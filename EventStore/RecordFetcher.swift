#if canImport(Glibc)
  import Glibc
#endif

/// Where a record lies in the log: the index of its segment in its reader's segment list, and
/// the byte offset of its line in that segment.
///
/// Segments are only ever appended, so a location stays valid for as long as the log keeps its
/// records (checkpoints that hold locations are keyed by the segments' stamps).
public struct RecordLocation: Hashable, Sendable {
  public var segment: Int
  public var offset: Int

  public init(segment: Int, offset: Int) {
    self.segment = segment
    self.offset = offset
  }

  /// The location in one 64-bit word: 23 bits of segment index, 40 of offset (1 TiB); the top
  /// bit stays clear (fact sets use it to mark facts held in memory).
  public var packed: UInt64 {
    precondition(segment >= 0 && segment < 1 << 23 && offset >= 0 && offset < 1 << 40, "record location out of range")
    return UInt64(segment) << 40 | UInt64(offset)
  }

  /// The location a `packed` word holds.
  public init(packed: UInt64) {
    segment = Int(packed >> 40)
    offset = Int(packed & 0xFF_FFFF_FFFF)
  }
}

/// Reads single records again by their location, for views that keep only where each record
/// lies instead of the record itself.
///
/// The records read were checked against the hash chain when the reader that located them read
/// them; a fetch checks that a record still starts at the location and has the expected
/// position, and reports anything else as damage.
public final class RecordFetcher {
  private let paths: [String]
  /// Every segment, opened when the fetcher is made: records stay readable for as long as the
  /// fetcher lives, even if a segment file is removed meanwhile (a temporary ledger in a test).
  private let files: [FileHandleFD]

  /// A fetcher for the segments `reader` reads.
  ///
  /// - Throws: `.io` when a segment cannot be opened.
  public init(_ reader: LedgerReader) throws(StoreError) {
    paths = reader.segments.map(\.path)
    var files: [FileHandleFD] = []
    for path in paths { files.append(try FileHandleFD(path: path, flags: O_RDONLY)) }
    self.files = files
  }

  /// Calls `body` with the record at `location`, which must hold `position` when given.
  ///
  /// - Throws: `.corrupt` when no record with that position starts there, `.io`.
  public func withRecord<T>(
    at location: RecordLocation, position: Int? = nil, _ body: (RecordView) throws -> T
  ) throws -> T {
    guard paths.indices.contains(location.segment) else {
      throw StoreError.corrupt(
        "no segment \(location.segment) in the log", position: position, offset: location.offset, file: "")
    }
    let file = files[location.segment]
    guard let line = try SegmentLines.line(in: file, at: location.offset) else {
      throw damaged(location, position: position)
    }
    return try line.withUnsafeBufferPointer { buffer in
      guard var view = RecordView.parse(buffer), position == nil || view.position == position else {
        throw damaged(location, position: position)
      }
      view.location = location
      return try body(view)
    }
  }

  private func damaged(_ location: RecordLocation, position: Int?) -> StoreError {
    StoreError.corrupt(
      "no record starts at byte \(location.offset) of \(paths[location.segment]) (the log changed after it was read: run journey verify)",
      position: position, offset: location.offset, file: paths[location.segment])
  }
}
