#if canImport(Glibc)
  import Glibc
#endif

/// The files of a ledger directory and the format version they follow.
///
/// ```
/// DIR/ledger.json                      format name and version, segment size
/// DIR/segments/0000000000000001.jsonl  records from position 1, one JSON line each
/// DIR/lock                             writers take an exclusive flock here per batch
/// DIR/index/positions.bin              a rebuildable cache: id hash and byte offset per position
/// ```
public struct LedgerLayout: Sendable {
  /// The format this code writes; a reader refuses any newer one.
  public static let formatVersion = 1
  public static let formatName = "journeyledger"
  /// Segments are closed at the first batch boundary past this size.
  public static let defaultSegmentBytes = 64 << 20

  public let directory: String
  public var manifestPath: String { directory + "/ledger.json" }
  public var segmentsPath: String { directory + "/segments" }
  public var lockPath: String { directory + "/lock" }
  public var indexDirectory: String { directory + "/index" }
  public var positionIndexPath: String { indexDirectory + "/positions.bin" }

  public init(directory: String) {
    var trimmed = directory
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.directory = trimmed
  }

  /// The file name of the segment whose first record has `position`.
  public static func segmentName(startingAt position: Int) -> String {
    let digits = String(position)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits + ".jsonl"
  }

  /// The path of the segment whose first record has `position`.
  public func segmentPath(startingAt position: Int) -> String {
    segmentsPath + "/" + LedgerLayout.segmentName(startingAt: position)
  }

  /// The first position a segment file name declares, or nil for names that are not segments.
  static func firstPosition(ofSegmentNamed name: String) -> Int? {
    guard name.hasSuffix(".jsonl"), name.utf8.count == 22 else { return nil }
    let digits = name.utf8.prefix(16)
    guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
    return Int(String(decoding: digits, as: UTF8.self)).flatMap { $0 >= 1 ? $0 : nil }
  }
}

/// The ledger's manifest, `ledger.json`.
struct Manifest: Equatable {
  var version: Int
  var segmentBytes: Int

  var json: JSON {
    [
      "format": .string(LedgerLayout.formatName), "version": .number(Double(version)),
      "segment_bytes": .number(Double(segmentBytes)),
    ]
  }

  /// Reads and checks the manifest; a newer format version is refused with a clear message.
  static func read(_ layout: LedgerLayout) throws(StoreError) -> Manifest {
    guard FileSystem.exists(layout.manifestPath) else {
      throw StoreError(
        .notFound, "\(layout.directory) is not a ledger (no ledger.json)",
        hint: "create one with 'journey append --ledger \(layout.directory)' or check the path",
        file: layout.manifestPath)
    }
    let bytes = try FileSystem.readAll(layout.manifestPath)
    guard let json = try? JSONParser.parse(bytes: bytes), json["format"]?.stringValue == LedgerLayout.formatName,
      let version = json["version"]?.intValue, let segmentBytes = json["segment_bytes"]?.intValue,
      segmentBytes >= 1024
    else {
      throw StoreError(
        .unsupportedFormat, "\(layout.manifestPath) is not a JourneyLedger manifest", file: layout.manifestPath)
    }
    guard version <= LedgerLayout.formatVersion else {
      throw StoreError(
        .unsupportedFormat,
        "\(layout.directory) uses ledger format version \(version); this journey reads versions up to \(LedgerLayout.formatVersion)",
        hint: "upgrade journey to read this ledger", file: layout.manifestPath)
    }
    return Manifest(version: version, segmentBytes: segmentBytes)
  }

  /// Creates the directory tree and manifest of a new ledger, durably.
  static func create(_ layout: LedgerLayout, segmentBytes: Int) throws(StoreError) -> Manifest {
    let manifest = Manifest(version: LedgerLayout.formatVersion, segmentBytes: segmentBytes)
    try FileSystem.makeDirectory(layout.directory)
    try FileSystem.makeDirectory(layout.segmentsPath)
    try FileSystem.makeDirectory(layout.indexDirectory)
    try FileSystem.syncDirectory(layout.directory)
    var bytes = Array(manifest.json.serialized().utf8)
    bytes.append(0x0A)
    try FileSystem.writeAtomically(bytes, to: layout.manifestPath, directory: layout.directory)
    return manifest
  }
}

/// One segment file: its first position and path.
struct Segment: Equatable {
  var firstPosition: Int
  var path: String

  /// The segments of a ledger in position order.
  static func list(_ layout: LedgerLayout) throws(StoreError) -> [Segment] {
    try FileSystem.list(layout.segmentsPath)
      .compactMap { name in
        LedgerLayout.firstPosition(ofSegmentNamed: name).map {
          Segment(firstPosition: $0, path: layout.segmentsPath + "/" + name)
        }
      }
      .sorted { $0.firstPosition < $1.firstPosition }
  }
}

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
      return SegmentStamp(name: name, bytes: Int(info.st_size), modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
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
