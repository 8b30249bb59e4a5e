#if canImport(Glibc)
  import Glibc
#endif

/// A rebuildable cache of every position's stream and byte offset, so that a read filtered by
/// stream touches only that stream's records.
///
/// `index/streams.bin` holds 24 bytes per position, in position order, little-endian: the hash
/// of the record's stream (FNV-1a of its decoded UTF-8), the record's byte offset in its segment,
/// and a check word mixing both with the position. It is never trusted over the log: an entry
/// whose check word is wrong ends the usable part of the file, the last usable entry is confirmed
/// against the log before use (its record must be at that offset, at that position, in that
/// stream), and every record read through it is parsed and hash-checked as in a full read. The
/// writer truncates or rebuilds it from the log when it is out of step.
struct StreamIndex {
  /// Bytes per position in the file.
  static let entryBytes = 24

  /// One position's entry.
  struct Entry: Equatable {
    var stream: UInt64
    var offset: Int
  }

  /// Positions indexed, those waiting to be flushed included.
  private(set) var count = 0
  private var pending: [UInt8] = []

  /// The hash of a stream name as the index stores it.
  static func hash(_ stream: some Collection<UInt8>) -> UInt64 { PositionIndex.hash(stream) }

  /// The hash of a record's stream, decoding JSON escapes only when the stream has any.
  static func hash(of view: RecordView) -> UInt64 {
    let raw = view.streamBytes
    return raw.contains(UInt8(ascii: "\\")) ? hash(view.stream.utf8) : hash(raw)
  }

  /// The check word of `position`'s entry.
  static func check(position: Int, _ entry: Entry) -> UInt64 {
    var x = entry.stream ^ (UInt64(truncatingIfNeeded: entry.offset) &* 0x9E37_79B9_7F4A_7C15)
    x ^= UInt64(truncatingIfNeeded: position) &* 0xC2B2_AE3D_27D4_EB4F
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x &*= 0xC4CE_B9FE_1A85_EC53
    return x ^ (x >> 33)
  }

  /// Records that the next position is in the stream hashed `stream`, at `offset` of its segment.
  mutating func add(stream: UInt64, offset: Int) {
    count += 1
    let entry = Entry(stream: stream, offset: offset)
    withUnsafeBytes(of: stream.littleEndian) { pending.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt64(offset).littleEndian) { pending.append(contentsOf: $0) }
    withUnsafeBytes(of: StreamIndex.check(position: count, entry).littleEndian) { pending.append(contentsOf: $0) }
  }

  /// Writes entries added since the last flush to the index file (no fsync: it is a cache).
  mutating func flush(to path: String) {
    guard !pending.isEmpty else { return }
    if let file = try? FileHandleFD(path: path, flags: O_WRONLY | O_CREAT | O_APPEND) {
      if (try? file.size()) == count * StreamIndex.entryBytes - pending.count {
        try? file.writeAll(pending)
      } else {
        try? file.truncate(to: 0)  // out of step with the log: the next writer rebuilds it
      }
    }
    pending.removeAll(keepingCapacity: true)
  }
}

extension StreamIndex {
  /// Loads the part of the index file that is sound and that the log confirms, up to `limit`
  /// positions, and cuts the file back to it; the caller indexes the rest from the log.
  ///
  /// - Parameter confirm: whether `position`'s record is at the entry's offset, in its stream.
  /// - Complexity: O(n) in the size of the file.
  static func load(path: String, limit: Int, confirm: (_ position: Int, _ entry: Entry) -> Bool) -> StreamIndex {
    var index = StreamIndex()
    guard let file = try? FileHandleFD(path: path, flags: O_RDWR) else { return index }
    let size = (try? file.size()) ?? 0
    var sound = 0
    var last: Entry? = nil
    try? scan(file, from: 1, through: min(size / entryBytes, limit)) { position, entry in
      guard let entry else { return false }
      sound = position
      last = entry
      return true
    }
    if let last, !confirm(sound, last) { sound = 0 }
    if size != sound * entryBytes { try? file.truncate(to: sound * entryBytes) }
    index.count = sound
    return index
  }

  /// Calls `body` with each position from `first` through `last` and its entry (nil when its
  /// check word is wrong) until `body` returns false; reads the file in chunks, not whole.
  static func scan(
    _ file: FileHandleFD, from first: Int, through last: Int, chunkEntries: Int = 1 << 16,
    _ body: (_ position: Int, _ entry: Entry?) -> Bool
  ) throws(StoreError) {
    try scanChunks(file, from: first, through: last, chunkEntries: chunkEntries) { start, words in
      for i in 0..<(words.count / 3) {
        guard body(start + i, entry(words, i, position: start + i)) else { return false }
      }
      return true
    }
  }

  /// Calls `body` with the entries from `first` through `last` a chunk at a time (the position
  /// of the chunk's first entry, and its words as stored, three an entry) until it returns false.
  static func scanChunks(
    _ file: FileHandleFD, from first: Int, through last: Int, chunkEntries: Int = 1 << 16,
    _ body: (_ start: Int, _ words: UnsafeBufferPointer<UInt64>) -> Bool
  ) throws(StoreError) {
    let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: chunkEntries * 3)
    defer { words.deallocate() }
    var position = max(first, 1) - 1
    while position < last {
      let count = min(chunkEntries, last - position)
      let raw = UnsafeMutableRawBufferPointer(start: words.baseAddress, count: count * entryBytes)
      guard try readFully(file, into: raw, at: position * entryBytes) == raw.count else { return }
      guard body(position + 1, UnsafeBufferPointer(rebasing: words[0..<(count * 3)])) else { return }
      position += count
    }
  }

  /// Entry `i` of `words`, at `position`, if its check word is right.
  @inline(__always)
  static func entry(_ words: UnsafeBufferPointer<UInt64>, _ i: Int, position: Int) -> Entry? {
    let offset = Int(truncatingIfNeeded: UInt64(littleEndian: words[3 * i + 1]))
    let entry = Entry(stream: UInt64(littleEndian: words[3 * i]), offset: offset)
    return offset >= 0 && check(position: position, entry) == UInt64(littleEndian: words[3 * i + 2]) ? entry : nil
  }

  /// Whether `position`'s record is at the entry's offset of `segmentPath`, in the entry's stream.
  static func confirm(_ entry: Entry, position: Int, segmentPath: String) -> Bool {
    guard let file = try? FileHandleFD(path: segmentPath, flags: O_RDONLY),
      let line = try? SegmentLines.line(in: file, at: entry.offset)
    else { return false }
    if entry.offset > 0 {
      guard let before = try? file.readBytes((entry.offset - 1)..<entry.offset), before == [0x0A] else { return false }
    }
    return line.withUnsafeBufferPointer { buffer in
      guard let view = RecordView.parse(buffer) else { return false }
      return view.position == position && hash(of: view) == entry.stream
    }
  }

  private static func readFully(
    _ file: FileHandleFD, into buffer: UnsafeMutableRawBufferPointer, at offset: Int
  ) throws(StoreError) -> Int {
    var filled = 0
    while filled < buffer.count {
      let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: offset + filled)
      if n == 0 { break }
      filled += n
    }
    return filled
  }
}
