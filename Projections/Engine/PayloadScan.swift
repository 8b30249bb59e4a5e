/// Finds one top-level member of a JSON object's text by scanning it, without building a tree.
struct PayloadScan {
  enum Found {
    case absent
    case string(String?)
    /// The member is there but its string has escapes: decode the text instead.
    case needsDecoding
  }

  let bytes: UnsafeBufferPointer<UInt8>

  /// The member named `key`.
  ///
  /// Keys are compared byte for byte; a top-level key or the value found with escapes in it gives
  /// `.needsDecoding`.
  func member(_ key: [UInt8]) -> Found {
    var depth = 0
    var i = 0
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: "\""):
        let end = stringEnd(from: i + 1)
        guard end < bytes.count else { return .needsDecoding }
        if depth == 1, let colon = colon(after: end + 1) {
          if hasEscape(i + 1, end) { return .needsDecoding }
          if equals(i + 1, end, key) { return value(at: colon + 1) }
        }
        i = end
      default: break
      }
      i += 1
    }
    return .absent
  }

  /// The index of the quote closing the string whose contents start at `start`.
  private func stringEnd(from start: Int) -> Int {
    var i = start
    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
    return i
  }

  /// The index of the `:` after a key that ends before `index`, or nil when the string is a value.
  private func colon(after index: Int) -> Int? {
    let i = skipSpace(index)
    return i < bytes.count && bytes[i] == UInt8(ascii: ":") ? i : nil
  }

  private func skipSpace(_ index: Int) -> Int {
    var i = index
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    return i
  }

  private func hasEscape(_ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end {
      if bytes[i] == UInt8(ascii: "\\") { return true }
      i += 1
    }
    return false
  }

  private func equals(_ start: Int, _ end: Int, _ key: [UInt8]) -> Bool {
    guard end - start == key.count else { return false }
    for k in 0..<key.count where bytes[start + k] != key[k] { return false }
    return true
  }

  /// The member value starting at or after `index`: a string without escapes, or not a string.
  private func value(at index: Int) -> Found {
    let i = skipSpace(index)
    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return .string(nil) }
    let end = stringEnd(from: i + 1)
    guard end < bytes.count, !hasEscape(i + 1, end) else { return .needsDecoding }
    return .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<end]), as: UTF8.self))
  }
}
