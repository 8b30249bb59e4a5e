import EventStore
import Foundation

/// The time filters, applied to raw records without decoding them.
struct TimeGate {
  let asOf: [UInt8]?
  let knownAt: [UInt8]?
  let recordedBefore: [UInt8]?

  init(_ filter: ReplayFilter) {
    asOf = filter.asOf.map { Array($0.utf8) }
    knownAt = filter.knownAt.map { Array($0.utf8) }
    recordedBefore = filter.recordedBefore.map { Array($0.utf8) }
  }

  /// Whether the record was appended at or after the record-time bound (and so are all later ones).
  func isAfterRecordBound(_ view: RecordView) -> Bool {
    guard let recordedBefore else { return false }
    return !view.recordedBytes.lexicographicallyPrecedes(recordedBefore)
  }

  /// Whether the record passes the valid-time and knowledge-time filters.
  func admits(_ view: RecordView) -> Bool {
    if let asOf, let from = view.validFromBytes, asOf.lexicographicallyPrecedes(from) { return false }
    if let knownAt {
      let known = TimeGate.reportedBytes(view) ?? Array(view.recordedBytes.prefix(10))
      if knownAt.lexicographicallyPrecedes(known) { return false }
    }
    return true
  }

  /// The reported date in the record's metadata, as text.
  func reported(_ view: RecordView) -> String? { TimeGate.reportedText(view) }

  /// The reported date in the record's metadata, as text.
  static func reportedText(_ view: RecordView) -> String? {
    reportedBytes(view).map { String(decoding: $0, as: UTF8.self) }
  }

  private static let reportedKey = Array(#""reported":""#.utf8)

  /// Finds `"reported":"YYYY-MM-DD"` at the top level of the metadata without decoding it.
  static func reportedBytes(_ view: RecordView) -> [UInt8]? {
    let meta = view.metaBytes
    guard meta.count > reportedKey.count + 10 else { return nil }
    var depth = 0
    var i = 0
    var inString = false
    while i < meta.count {
      let b = meta[i]
      if inString {
        if b == UInt8(ascii: "\\") {
          i += 2
          continue
        }
        if b == UInt8(ascii: "\"") { inString = false }
        i += 1
        continue
      }
      switch b {
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: "\""):
        if depth == 1, matches(meta, at: i) {
          let start = i + reportedKey.count
          guard start + 10 <= meta.count else { return nil }
          return Array(meta[start..<(start + 10)])
        }
        inString = true
      default: break
      }
      i += 1
    }
    return nil
  }

  private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index + reportedKey.count <= bytes.count else { return false }
    for (k, b) in reportedKey.enumerated() where bytes[index + k] != b { return false }
    return true
  }
}
