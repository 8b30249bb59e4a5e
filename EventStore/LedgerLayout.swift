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
/// DIR/index/streams.bin                a rebuildable cache: stream hash and byte offset per position
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
  public var streamIndexPath: String { indexDirectory + "/streams.bin" }

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
