import Foundation

/// A strict RFC 8259 JSON parser over UTF-8 bytes, with limits that keep hostile input bounded.
public struct JSONParser {
  /// The deepest nesting accepted; deeper input is rejected rather than recursed into.
  public static let maximumDepth = 64

  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0
  private var depth = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses one JSON value that must fill `text` (surrounding white space allowed).
  ///
  /// - Throws: `StoreError` with code `.invalidInput` naming the byte offset and what was expected.
  public static func parse(_ text: String) throws -> JSON {
    var copy = text
    return try copy.withUTF8 { try parse(bytes: $0) }
  }

  /// Parses one JSON value that must fill `bytes` (surrounding white space allowed).
  public static func parse(bytes: UnsafeBufferPointer<UInt8>) throws -> JSON {
    var parser = JSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
    return value
  }

  /// Parses one JSON value from a byte array.
  public static func parse(bytes: [UInt8]) throws -> JSON {
    try bytes.withUnsafeBufferPointer { try parse(bytes: $0) }
  }

  private func error(_ message: String) -> StoreError {
    StoreError(.invalidInput, "invalid JSON at byte \(index + 1): \(message)", offset: index)
  }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhitespace() {
    while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
  }

  private mutating func parseValue() throws -> JSON {
    guard let b = current else { throw error("unexpected end of input, expected a value") }
    switch b {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error("unexpected character '\(Character(Unicode.Scalar(b)))', expected a value")
    }
  }

  private mutating func expectLiteral(_ word: String) throws {
    let expected = Array(word.utf8)
    guard index + expected.count <= bytes.count,
      expected.indices.allSatisfy({ bytes[index + $0] == expected[$0] })
    else { throw error("invalid literal, expected '\(word)'") }
    index += expected.count
  }

  private mutating func enter() throws {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  private mutating func parseObject() throws -> JSON {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [String: JSON] = [:]
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
      let key = try parseString()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
      index += 1
      skipWhitespace()
      guard members[key] == nil else { throw error("duplicate key \"\(key)\"") }
      members[key] = try parseValue()
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw error("expected ',' or '}' in object")
      }
    }
  }

  private mutating func parseArray() throws -> JSON {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSON] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default: throw error("expected ',' or ']' in array")
      }
    }
  }

  private mutating func parseString() throws -> String {
    index += 1
    let start = index
    // Fast path: no escapes.
    while let b = current, b != UInt8(ascii: "\""), b != UInt8(ascii: "\\") {
      guard b >= 0x20 else { throw error("control character in string") }
      index += 1
    }
    guard let stop = current else { throw error("unterminated string") }
    if stop == UInt8(ascii: "\"") {
      // No escapes: decode straight from the input, without an intermediate copy.
      let text = UTF8Text.string(UnsafeBufferPointer(rebasing: bytes[start..<index]))
      index += 1
      guard let text else { throw error("invalid UTF-8 in string") }
      return text
    }
    var raw = Array(bytes[start..<index])
    try parseEscapes(into: &raw)
    index += 1  // closing quote
    guard let s = UTF8Text.string(raw) else { throw error("invalid UTF-8 in string") }
    return s
  }

  private mutating func parseEscapes(into raw: inout [UInt8]) throws {
    while let b = current, b != UInt8(ascii: "\"") {
      guard b >= 0x20 else { throw error("control character in string") }
      guard b == UInt8(ascii: "\\") else {
        raw.append(b)
        index += 1
        continue
      }
      index += 1
      guard let e = current else { throw error("unterminated escape") }
      index += 1
      if let byte = JSONParser.simpleEscape(e) {
        raw.append(byte)
      } else if e == UInt8(ascii: "u") {
        try appendUnicodeEscape(into: &raw)
      } else {
        throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
      }
    }
    guard current != nil else { throw error("unterminated string") }
  }

  /// The byte a one-character escape stands for (`n` is a line feed), or nil for `u` and for
  /// characters that are not escapes.
  static func simpleEscape(_ e: UInt8) -> UInt8? {
    switch e {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return e
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    default: return nil
    }
  }

  /// The value of one hexadecimal digit, either case; nil for any other byte.
  static func hexDigit(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  private mutating func readHex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let d = JSONParser.hexDigit(bytes[index]) else { throw error("invalid hex digit in \\u escape") }
      v = v << 4 | d
      index += 1
    }
    return v
  }

  private mutating func appendUnicodeEscape(into raw: inout [UInt8]) throws {
    var code = try readHex4()
    if (0xD800...0xDBFF).contains(code) {
      guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { throw error("unpaired surrogate in \\u escape") }
      index += 2
      let low = try readHex4()
      guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate in \\u escape") }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(code) {
      throw error("unpaired surrogate in \\u escape")
    }
    guard let scalar = Unicode.Scalar(code) else { throw error("invalid code point in \\u escape") }
    raw.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  private mutating func parseNumber() throws -> Double {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
      throw error("invalid number")
    }
    if first == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
    if current == UInt8(ascii: ".") {
      index += 1
      guard skipDigits() > 0 else { throw error("expected digits after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard skipDigits() > 0 else { throw error("expected digits in exponent") }
    }
    guard index - start <= 64 else { throw error("number literal longer than 64 characters") }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text), value.isFinite else { throw error("number out of range") }
    return value
  }

  @discardableResult
  private mutating func skipDigits() -> Int {
    let start = index
    while let b = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { index += 1 }
    return index - start
  }
}
