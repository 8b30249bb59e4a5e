/// A forward-only scanner for the fixed record layout.
struct LineScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  mutating func expect(_ literal: StaticString) -> Bool {
    guard bytes.matches(literal, at: index) else { return false }
    index += literal.utf8CodeUnitCount
    return true
  }

  /// A non-negative integer of at most 18 digits.
  mutating func integer() -> Int? {
    var value = 0
    let start = index
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
      value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
      index += 1
    }
    let digits = index - start
    return digits > 0 && digits <= 18 ? value : nil
  }

  /// A JSON string; returns the range of its contents, without the quotes.
  mutating func string() -> Range<Int>? {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
    let start = index + 1
    guard let end = LineScanner.stringEnd(bytes, from: start) else { return nil }
    index = end + 1
    return start..<end
  }

  /// The index of the closing quote of the string whose contents start at `from`; nil when a
  /// control character comes first or the string is not closed.
  ///
  /// Runs of plain bytes are skipped 8 at a time (`firstSpecial`).
  @inline(__always)
  static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    var i = from
    let count = bytes.count
    while i < count {
      if i + 8 <= count, let base = bytes.baseAddress {
        let skip = firstSpecial(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
        i += skip
        if skip == 8 { continue }
      }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") { return i }
      if b < 0x20 { return nil }
      i += b == UInt8(ascii: "\\") ? 2 : 1
    }
    return nil
  }

  /// The index (0–7) of the first special byte of `word` (little-endian), or 8 when none is.
  ///
  /// Special bytes are quotes, backslashes and control characters. Each test flags the lowest
  /// matching byte exactly (higher flags may be false, which the lowest set bit ignores).
  @inline(__always)
  static func firstSpecial(_ word: UInt64) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let zeroQuote = (quote &- ones) & ~quote
    let zeroBackslash = (backslash &- ones) & ~backslash
    let control = (word &- ones &* 0x20) & ~word
    let flags = (zeroQuote | zeroBackslash | control) & (ones &* 0x80)
    return flags.trailingZeroBitCount / 8
  }

  /// `null` or `{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}`; returns the whole value's range.
  mutating func validTime() -> Range<Int>? {
    let start = index
    if expect("null") { return start..<index }
    guard expect(#"{"from":""#), date(), expect(#"","to":""#), date(), expect(#""}"#) else { return nil }
    return start..<index
  }

  private mutating func date() -> Bool {
    guard index + 10 <= bytes.count else { return false }
    for i in 0..<10 {
      let c = bytes[index + i]
      let ok = (i == 4 || i == 7) ? c == UInt8(ascii: "-") : (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
      if !ok { return false }
    }
    index += 10
    return true
  }

  /// A JSON object, skipped by bracket counting outside strings; returns its range.
  mutating func object() -> Range<Int>? {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
    let start = index
    var depth = 0
    var i = index
    let count = bytes.count
    while i < count {
      let b = bytes[i]
      i += 1
      if b == UInt8(ascii: "\"") {
        guard let end = LineScanner.stringEnd(bytes, from: i) else { return nil }
        i = end + 1
      } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
        depth += 1
      } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
        depth -= 1
        if depth == 0 {
          index = i
          return start..<i
        }
      }
    }
    return nil
  }
}
