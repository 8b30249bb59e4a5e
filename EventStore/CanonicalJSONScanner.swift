#if canImport(Glibc)
  import Glibc
#endif

/// Checks JSON text and writes its canonical form in one pass over the bytes, without building a
/// `JSON` tree.
///
/// The scanner accepts only text that `JSONParser` accepts, and writes exactly the bytes that
/// `JSON.write(into:)` writes for the parsed tree. A few rare forms make it give up (return false)
/// even though they may be valid: object keys that need escaping or are not ASCII (the tree
/// compares those as Swift strings, by canonical equivalence). Callers then fall back to
/// `JSONParser`, which also gives the exact error message for invalid text.
public struct CanonicalJSONScanner {
  private var bytes: UnsafeBufferPointer<UInt8>
  /// The offset of the next byte to read.
  public private(set) var index: Int
  /// The nesting depth entered so far; the parser's limit is `JSONParser.maximumDepth`.
  public var depth = 0
  private var members: [(start: Int, keyEnd: Int)] = []
  private var scratch: [UInt8] = []
  private var valueBuffer: [UInt8] = []

  /// A scanner at `index` of `bytes`.
  public init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
    self.bytes = bytes
    self.index = index
  }

  /// Starts over on `bytes`, keeping the buffers of earlier scans (scanning many lines with one
  /// scanner allocates less).
  public mutating func reset(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    index = 0
    depth = 0
    members.removeAll(keepingCapacity: true)
  }

  /// The next byte, or nil at the end.
  public var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// Whether every byte has been read.
  public var atEnd: Bool { index >= bytes.count }

  /// Skips JSON white space.
  public mutating func skipWhitespace() {
    while index < bytes.count {
      let b = bytes[index]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      index += 1
    }
  }

  /// Reads `byte` if it is next.
  public mutating func consume(_ byte: UInt8) -> Bool {
    guard current == byte else { return false }
    index += 1
    return true
  }

  /// Reads the literal `word` (ASCII) if it is next.
  public mutating func consume(_ word: StaticString) -> Bool {
    guard bytes.matches(word, at: index) else { return false }
    index += word.utf8CodeUnitCount
    return true
  }

  // MARK: - Values

  /// Checks one value and appends its canonical bytes to `out`; false when it is invalid or one
  /// of the forms left to the parser (`out` then holds partial output).
  public mutating func value(into out: inout [UInt8]) -> Bool {
    guard let b = current else { return false }
    switch b {
    case UInt8(ascii: "{"): return object(into: &out)
    case UInt8(ascii: "["): return array(into: &out)
    case UInt8(ascii: "\""): return string(into: &out)
    case UInt8(ascii: "t"): return literal("true", into: &out)
    case UInt8(ascii: "f"): return literal("false", into: &out)
    case UInt8(ascii: "n"): return literal("null", into: &out)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number(into: &out)
    default: return false
    }
  }

  /// Checks one value and returns its canonical form; nil when it is invalid or left to the parser.
  public mutating func canonicalValue() -> CanonicalJSON? {
    var out = valueBuffer
    valueBuffer = []  // keep the buffer uniquely referenced while it is written
    defer { valueBuffer = out }
    out.removeAll(keepingCapacity: true)
    guard value(into: &out) else { return nil }
    return CanonicalJSON(trusted: Array(out))
  }

  private mutating func literal(_ word: StaticString, into out: inout [UInt8]) -> Bool {
    guard consume(word) else { return false }
    out.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    return true
  }

  private mutating func enter() -> Bool {
    depth += 1
    return depth <= JSONParser.maximumDepth
  }

  private mutating func array(into out: inout [UInt8]) -> Bool {
    guard enter() else { return false }
    defer { depth -= 1 }
    index += 1
    out.append(UInt8(ascii: "["))
    skipWhitespace()
    if consume(UInt8(ascii: "]")) {
      out.append(UInt8(ascii: "]"))
      return true
    }
    while true {
      skipWhitespace()
      guard value(into: &out) else { return false }
      skipWhitespace()
      if consume(UInt8(ascii: "]")) {
        out.append(UInt8(ascii: "]"))
        return true
      }
      guard consume(UInt8(ascii: ",")) else { return false }
      out.append(UInt8(ascii: ","))
    }
  }

  private mutating func object(into out: inout [UInt8]) -> Bool {
    guard enter() else { return false }
    defer { depth -= 1 }
    index += 1
    let objectStart = out.count
    let firstMember = members.count
    defer { members.removeSubrange(firstMember...) }
    out.append(UInt8(ascii: "{"))
    skipWhitespace()
    if consume(UInt8(ascii: "}")) {
      out.append(UInt8(ascii: "}"))
      return true
    }
    while true {
      skipWhitespace()
      let start = out.count
      guard plainKey(into: &out) else { return false }
      members.append((start, out.count))
      skipWhitespace()
      guard consume(UInt8(ascii: ":")) else { return false }
      out.append(UInt8(ascii: ":"))
      skipWhitespace()
      guard value(into: &out) else { return false }
      skipWhitespace()
      if consume(UInt8(ascii: "}")) { break }
      guard consume(UInt8(ascii: ",")) else { return false }
      out.append(UInt8(ascii: ","))
    }
    out.append(UInt8(ascii: "}"))
    return sortMembers(of: objectStart, from: firstMember, in: &out)
  }

  /// A key of printable ASCII without quotes or backslashes, copied with its quotes; false for
  /// any other key (the tree compares those as Swift strings).
  private mutating func plainKey(into out: inout [UInt8]) -> Bool {
    guard consume(UInt8(ascii: "\"")) else { return false }
    let start = index
    let (end, ascii) = plainRun(from: start)
    guard ascii, end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return false }
    index = end + 1
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(start - 1)..<index]))
    return true
  }

  /// The index of the first quote, backslash or control character at or after `start` (or the
  /// end), and whether every byte before it is ASCII; plain bytes are skipped 8 at a time.
  @inline(__always)
  private func plainRun(from start: Int) -> (end: Int, ascii: Bool) {
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var i = start
    var high: UInt64 = 0
    let count = bytes.count
    if let base = bytes.baseAddress {
      while i + 8 <= count {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let skip = LineScanner.firstSpecial(word)
        if skip == 8 {
          high |= word
          i += 8
          continue
        }
        let before: UInt64 = skip == 0 ? 0 : ~0 >> UInt64(64 - 8 * skip)
        return (i + skip, (high | word & before) & highBits == 0)
      }
    }
    var combined: UInt8 = 0
    while i < count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
      combined |= b
      i += 1
    }
    return (i, high & highBits == 0 && combined < 0x80)
  }

  /// Puts the members written since `first` in key order, or returns false on a duplicate key.
  private mutating func sortMembers(of objectStart: Int, from first: Int, in out: inout [UInt8]) -> Bool {
    let count = members.count - first
    guard count > 1 else { return true }
    let end = out.count
    var sorted = true
    out.withUnsafeBufferPointer { buffer in
      for i in (first + 1)..<members.count where !keyLess(members[i - 1], members[i], buffer) {
        sorted = false
        break
      }
    }
    if sorted { return true }
    return reorder(objectStart: objectStart, end: end, first: first, into: &out)
  }

  private mutating func reorder(objectStart: Int, end: Int, first: Int, into out: inout [UInt8]) -> Bool {
    var order = Array(members[first...].indices)
    let snapshot = members
    var duplicate = false
    scratch.removeAll(keepingCapacity: true)
    out.withUnsafeBufferPointer { buffer in
      order.sort { keyLess(snapshot[$0], snapshot[$1], buffer) }
      for n in 1..<order.count where !keyLess(snapshot[order[n - 1]], snapshot[order[n]], buffer) {
        duplicate = true
      }
      guard !duplicate else { return }
      scratch.append(UInt8(ascii: "{"))
      for (n, i) in order.enumerated() {
        if n > 0 { scratch.append(UInt8(ascii: ",")) }
        let memberEnd = i + 1 < snapshot.count ? snapshot[i + 1].start - 1 : end - 1
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[snapshot[i].start..<memberEnd]))
      }
      scratch.append(UInt8(ascii: "}"))
    }
    guard !duplicate else { return false }
    out.replaceSubrange(objectStart..<end, with: scratch)
    return true
  }

  /// Whether the key written at `a` sorts strictly before the key at `b` (UTF-8 byte order).
  private func keyLess(
    _ a: (start: Int, keyEnd: Int), _ b: (start: Int, keyEnd: Int), _ buffer: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let x = UnsafeBufferPointer(rebasing: buffer[(a.start + 1)..<(a.keyEnd - 1)])
    let y = UnsafeBufferPointer(rebasing: buffer[(b.start + 1)..<(b.keyEnd - 1)])
    let common = min(x.count, y.count)
    let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
    return order != 0 ? order < 0 : x.count < y.count
  }

  // MARK: - Strings

  /// Checks a string and appends it as `JSON.writeString` writes its decoded text.
  public mutating func string(into out: inout [UInt8]) -> Bool {
    guard consume(UInt8(ascii: "\"")) else { return false }
    let start = index
    let (end, ascii) = plainRun(from: start)
    index = end
    guard index < bytes.count, bytes[index] >= 0x20 else { return false }
    if bytes[index] == UInt8(ascii: "\\") { return escapedString(from: start, into: &out) }
    let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
    guard ascii || UTF8Validation.isValid(text) else { return false }
    index += 1
    out.append(UInt8(ascii: "\""))
    out.append(contentsOf: text)
    out.append(UInt8(ascii: "\""))
    return true
  }

  /// Reads a string that holds no escapes and returns its bytes (checked UTF-8), without
  /// copying them; nil, with nothing read, for any other string.
  public mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
    let start = index
    guard consume(UInt8(ascii: "\"")) else { return nil }
    let (end, ascii) = plainRun(from: index)
    let text = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
    guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), ascii || UTF8Validation.isValid(text) else {
      index = start
      return nil
    }
    index = end + 1
    return text
  }

  /// The rest of a string that holds escapes, from `start` (just after the opening quote).
  private mutating func escapedString(from start: Int, into out: inout [UInt8]) -> Bool {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
      let b = bytes[index]
      guard b >= 0x20 else { return false }
      index += 1
      if b != UInt8(ascii: "\\") {
        scratch.append(b)
      } else if !unescape() {
        return false
      }
    }
    guard index < bytes.count else { return false }
    index += 1
    let valid = scratch.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
    guard valid else { return false }
    CanonicalJSONScanner.writeEscaped(scratch, into: &out)
    return true
  }

  /// Decodes the escape after a backslash into `scratch`.
  private mutating func unescape() -> Bool {
    guard index < bytes.count else { return false }
    let e = bytes[index]
    index += 1
    if let byte = JSONParser.simpleEscape(e) {
      scratch.append(byte)
      return true
    }
    return e == UInt8(ascii: "u") && unicodeEscape()
  }

  private mutating func unicodeEscape() -> Bool {
    guard var code = hex4() else { return false }
    if (0xD800...0xDBFF).contains(code) {
      guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(), (0xDC00...0xDFFF).contains(low)
      else { return false }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(code) {
      return false
    }
    guard let scalar = Unicode.Scalar(code) else { return false }
    UTF8.encode(scalar) { scratch.append($0) }
    return true
  }

  private mutating func hex4() -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let d = JSONParser.hexDigit(bytes[index]) else { return nil }
      v = v << 4 | d
      index += 1
    }
    return v
  }

  /// Writes decoded string bytes as `JSON.writeString` does.
  static func writeEscaped(_ text: [UInt8], into out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in text {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20: out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  // MARK: - Numbers

  /// Checks a number and appends it as `JSON.writeNumber` writes its value.
  public mutating func number(into out: inout [UInt8]) -> Bool {
    let start = index
    _ = consume(UInt8(ascii: "-"))
    guard let first = current, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
    var integerDigits = 1
    if first == UInt8(ascii: "0") { index += 1 } else { integerDigits = skipDigits() }
    var plain = true
    if consume(UInt8(ascii: ".")) {
      plain = false
      guard skipDigits() > 0 else { return false }
    }
    if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
      plain = false
      if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
      guard skipDigits() > 0 else { return false }
    }
    guard index - start <= 64 else { return false }
    let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
    if plain && integerDigits <= 15 {
      writeInteger(token, into: &out)
      return true
    }
    guard let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite else { return false }
    JSON.writeNumber(value, into: &out)
    return true
  }

  /// A whole number of at most 15 digits is written as it reads, except that `-0` is `0`.
  private func writeInteger(_ token: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    if token.count == 2 && token[0] == UInt8(ascii: "-") && token[1] == UInt8(ascii: "0") {
      out.append(UInt8(ascii: "0"))
    } else {
      out.append(contentsOf: token)
    }
  }

  /// Reads a whole number of at most 15 digits (`v`, say); nil for anything else, unread.
  public mutating func smallInteger() -> Int? {
    let start = index
    var value = 0
    while let b = current, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
      value = value * 10 + Int(b - UInt8(ascii: "0"))
      index += 1
    }
    let digits = index - start
    let next = current
    let endsNumber = next != UInt8(ascii: ".") && next != UInt8(ascii: "e") && next != UInt8(ascii: "E")
    guard digits > 0, digits <= 15, endsNumber, bytes[start] != UInt8(ascii: "0") || digits == 1 else {
      index = start
      return nil
    }
    return value
  }

  @discardableResult
  private mutating func skipDigits() -> Int {
    let start = index
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
    return index - start
  }
}
