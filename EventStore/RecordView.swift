#if canImport(Glibc)
  import Glibc
#endif

/// The fixed layout of a record line: keys in this order, `hash` last.
///
/// `{"pos":1,"id":"…","type":"…","v":1,"stream":"…","valid":null,"recorded":"…","batch":1,`
/// `"meta":{…},"data":{…},"hash":"<64 hex>"}`
enum RecordLayout {
  /// The bytes after the hashed content: `,"hash":"` + 64 hex digits + `"}`.
  static let hashSuffixLength = 75
  static let hashKey = Array(#","hash":""#.utf8)
}

/// A borrowed view of one record line (without its newline) with its header fields located.
///
/// Views live only as long as the buffer they point into; call `record()` to keep one.
public struct RecordView {
  /// The line's bytes, excluding the newline.
  public let bytes: UnsafeBufferPointer<UInt8>
  public let position: Int
  public let schemaVersion: Int
  public let batchEnd: Int
  let idRange: Range<Int>
  let typeRange: Range<Int>
  let streamRange: Range<Int>
  let validRange: Range<Int>
  let recordedRange: Range<Int>
  let metaRange: Range<Int>
  let dataRange: Range<Int>
  /// Where the record lies in the log, for reading it again later (`RecordFetcher`); set by
  /// `LedgerReader.forEach`, zero for a line parsed on its own.
  public internal(set) var location = RecordLocation(segment: 0, offset: 0)

  /// The bytes the hash covers (the line up to `,"hash"`).
  public var hashedContent: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[0..<(bytes.count - RecordLayout.hashSuffixLength)])
  }

  /// The stored hash, as the 64 hex bytes in the line.
  public var hashHex: UnsafeBufferPointer<UInt8> {
    let start = bytes.count - RecordLayout.hashSuffixLength + RecordLayout.hashKey.count
    return UnsafeBufferPointer(rebasing: bytes[start..<(start + 64)])
  }

  /// The raw type bytes (without quotes, still JSON-escaped), for comparing without allocating.
  public var typeBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[typeRange]) }

  /// The raw stream bytes (without quotes, still JSON-escaped).
  public var streamBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[streamRange]) }

  /// The raw metadata JSON bytes.
  public var metaBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[metaRange]) }

  /// The raw payload JSON bytes.
  public var dataBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[dataRange]) }

  /// The raw recorded-time bytes (`YYYY-MM-DDTHH:MM:SS.sssZ`).
  public var recordedBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[recordedRange]) }

  public var id: String { decodeString(idRange) }

  /// The 64-bit FNV-1a hash of the id's UTF-8 bytes (`LedgerReader.idHash`), without building
  /// the id's string unless it is escaped.
  public var idHash: UInt64 {
    let raw = UnsafeBufferPointer(rebasing: bytes[idRange])
    return raw.contains(UInt8(ascii: "\\")) ? PositionIndex.hash(id.utf8) : PositionIndex.hash(raw)
  }
  public var type: String { decodeString(typeRange) }
  public var stream: String { decodeString(streamRange) }
  public var recorded: String { String(decoding: bytes[recordedRange], as: UTF8.self) }

  /// The valid time, or nil when the record has none.
  public var valid: ValidTime? {
    guard validRange.count == 39 else { return nil }  // {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"} 39 bytes
    let from = String(decoding: bytes[(validRange.lowerBound + 9)..<(validRange.lowerBound + 19)], as: UTF8.self)
    let to = String(decoding: bytes[(validRange.upperBound - 12)..<(validRange.upperBound - 2)], as: UTF8.self)
    return ValidTime(from: from, to: to)
  }

  /// The valid-from bytes `YYYY-MM-DD`, or nil; for comparing without allocating.
  public var validFromBytes: UnsafeBufferPointer<UInt8>? {
    guard validRange.count == 39 else { return nil }
    return UnsafeBufferPointer(rebasing: bytes[(validRange.lowerBound + 9)..<(validRange.lowerBound + 19)])
  }

  /// Copies the view into an owned `Record`.
  public func record() -> Record {
    Record(
      position: position, id: id, type: type, schemaVersion: schemaVersion, stream: stream, valid: valid,
      recorded: recorded, batchEnd: batchEnd, dataBytes: Array(dataBytes), metaBytes: Array(metaBytes),
      hash: String(decoding: hashHex, as: UTF8.self))
  }

  private func decodeString(_ range: Range<Int>) -> String {
    let raw = bytes[range]
    if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
    var quoted = [UInt8(ascii: "\"")]
    quoted.append(contentsOf: raw)
    quoted.append(UInt8(ascii: "\""))
    return (try? JSONParser.parse(bytes: quoted))?.stringValue ?? String(decoding: raw, as: UTF8.self)
  }
}

extension RecordView {
  /// Locates the header fields of a record line.
  ///
  /// - Returns: nil when the line does not have the record layout; the caller reports where.
  /// - Complexity: O(n) in the bytes of the line's metadata; the payload is not scanned.
  public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> RecordView? {
    parse(line, checkingHashDigits: true)
  }

  /// Locates the header fields of a record line; with `checkingHashDigits` false the 64 bytes of
  /// the stored hash are not checked to be hex digits (the verifier compares them with the
  /// computed link instead, which checks them too).
  static func parse(_ line: UnsafeBufferPointer<UInt8>, checkingHashDigits: Bool) -> RecordView? {
    var scanner = LineScanner(bytes: line)
    guard line.count > RecordLayout.hashSuffixLength + 20, line[line.count - 1] == UInt8(ascii: "}"),
      scanner.expect(#"{"pos":"#), let position = scanner.integer(), position >= 1,
      scanner.expect(#","id":"#), let id = scanner.string(),
      scanner.expect(#","type":"#), let type = scanner.string(),
      scanner.expect(#","v":"#), let version = scanner.integer(),
      scanner.expect(#","stream":"#), let stream = scanner.string(),
      scanner.expect(#","valid":"#), let valid = scanner.validTime(),
      scanner.expect(#","recorded":"#), let recorded = scanner.string(),
      scanner.expect(#","batch":"#), let batchEnd = scanner.integer(), batchEnd >= position,
      scanner.expect(#","meta":"#), let meta = scanner.object()
    else { return nil }
    let dataEnd = line.count - RecordLayout.hashSuffixLength
    guard scanner.expect(#","data":"#), scanner.index < dataEnd,
      line[scanner.index] == UInt8(ascii: "{"), line[dataEnd - 1] == UInt8(ascii: "}"),
      hasHashSuffix(line, checkingDigits: checkingHashDigits)
    else { return nil }
    return RecordView(
      bytes: line, position: position, schemaVersion: version, batchEnd: batchEnd, idRange: id,
      typeRange: type, streamRange: stream, validRange: valid, recordedRange: recorded, metaRange: meta,
      dataRange: scanner.index..<dataEnd)
  }

  private static func hasHashSuffix(_ line: UnsafeBufferPointer<UInt8>, checkingDigits: Bool) -> Bool {
    let start = line.count - RecordLayout.hashSuffixLength
    let key: StaticString = #","hash":""#
    guard memcmp(line.baseAddress! + start, key.utf8Start, key.utf8CodeUnitCount) == 0 else { return false }
    let hexStart = start + key.utf8CodeUnitCount
    guard checkingDigits else { return line[hexStart + 64] == UInt8(ascii: "\"") }
    var bad = false
    for i in hexStart..<(hexStart + 64) {
      let c = line[i]
      bad = bad || (c &- UInt8(ascii: "0") > 9 && c &- UInt8(ascii: "a") > 5)
    }
    return !bad && line[hexStart + 64] == UInt8(ascii: "\"")
  }
}
