#if canImport(Glibc)
  import Glibc
#endif

/// A rebuildable cache mapping every position to its id hash and byte offset.
///
/// It lets a writer check ids against the whole log without scanning it, and lets a reader seek
/// to a position. The file holds 16 bytes per position (id hash, offset, little-endian) and is
/// never trusted: its last entry is checked against the log before use, and a mismatch means it
/// is rebuilt from the log.
struct PositionIndex {
  private(set) var offsets: [Int] = []
  private var firstByHash: [UInt64: Int] = [:]
  /// Ids whose hash collided with another id's, by exact id.
  private var collisions: [String: Int] = [:]
  private var pending: [UInt8] = []

  /// The last position indexed.
  var count: Int { offsets.count }

  /// A 64-bit FNV-1a hash of an id's bytes.
  static func hash(_ id: some Collection<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in id { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  /// The position that may hold `id`; the caller confirms against the log.
  func candidate(for id: String) -> Int? {
    if let exact = collisions[id] { return exact }
    return firstByHash[PositionIndex.hash(id.utf8)]
  }

  /// Records that `position` (the next one) holds `id` at `offset`.
  ///
  /// - Parameter collides: whether `id`'s hash already belongs to a different id.
  mutating func add(id: String, offset: Int, collides: Bool) {
    let hash = PositionIndex.hash(id.utf8)
    offsets.append(offset)
    if collides {
      collisions[id] = offsets.count
    } else if firstByHash[hash] == nil {
      firstByHash[hash] = offsets.count
    }
    withUnsafeBytes(of: hash.littleEndian) { pending.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt64(offset).littleEndian) { pending.append(contentsOf: $0) }
  }

  /// Writes entries added since the last flush to the index file (no fsync: it is a cache).
  mutating func flush(to path: String) {
    guard !pending.isEmpty else { return }
    if let file = try? FileHandleFD(path: path, flags: O_WRONLY | O_CREAT | O_APPEND) {
      let expected = (count * 16) - pending.count
      if (try? file.size()) == expected {
        try? file.writeAll(pending)
      } else {
        try? file.truncate(to: 0)  // out of step with the log: the next writer rebuilds it
      }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Loads the entries of the index file that the log confirms, up to `limit` positions.
  ///
  /// - Parameters:
  ///   - confirm: checks that `position`'s record at `offset` has the id hash `hash`.
  ///   - readID: reads the id at a position, for the rare ids whose hashes collide.
  static func load(
    path: String, limit: Int, confirm: (_ position: Int, _ offset: Int, _ hash: UInt64) -> Bool,
    readID: (_ position: Int, _ offset: Int) -> String?
  ) -> PositionIndex {
    var index = PositionIndex()
    guard let bytes = try? FileSystem.readAll(path) else { return index }
    let entries = min(bytes.count / 16, limit)
    guard entries > 0 else { return index }
    let (lastHash, lastOffset) = entry(bytes, entries - 1)
    guard lastOffset >= 0, confirm(entries, lastOffset, lastHash) else { return index }
    index.offsets.reserveCapacity(entries)
    index.firstByHash.reserveCapacity(entries)
    for i in 0..<entries {
      let (hash, offset) = entry(bytes, i)
      index.offsets.append(offset)
      if index.firstByHash[hash] == nil {
        index.firstByHash[hash] = i + 1
      } else if let id = readID(i + 1, offset) {
        index.collisions[id] = i + 1
      }
    }
    if bytes.count != entries * 16 {
      if let file = try? FileHandleFD(path: path, flags: O_WRONLY) { try? file.truncate(to: entries * 16) }
    }
    return index
  }

  /// The id hash and byte offset of entry `i` (position `i + 1`) of the index file's bytes.
  static func entry(_ bytes: [UInt8], _ i: Int) -> (UInt64, Int) {
    bytes.withUnsafeBytes { raw in
      let hash = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
      let offset = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self))
      return (hash, Int(truncatingIfNeeded: offset))
    }
  }
}
