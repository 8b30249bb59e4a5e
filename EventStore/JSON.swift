import Foundation

/// A JSON value: the payload and metadata of a record, and what the CLI reads and prints.
///
/// Objects keep no key order; `serialized()` writes keys sorted by their UTF-8 bytes, so the
/// same value always produces the same bytes (the store hashes those bytes).
public enum JSON: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])
}

extension JSON {
  /// The value at `key` when this is an object, otherwise `nil`.
  public subscript(key: String) -> JSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, when this is a string.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number, when this is a number.
  public var numberValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The number as an exact integer, when this is a whole number within `Int` range.
  public var intValue: Int? {
    guard case .number(let n) = self, n.rounded() == n, abs(n) < 9.0e15 else { return nil }
    return Int(n)
  }

  /// The Boolean, when this is `true` or `false`.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The elements, when this is an array.
  public var arrayValue: [JSON]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The members, when this is an object.
  public var objectValue: [String: JSON]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The name of this value's JSON kind, for error messages ("string", "object", …).
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

// MARK: - Writing

extension JSON {
  /// Returns compact JSON text with object keys sorted, the canonical form the store writes.
  public func serialized() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(128)
    write(into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the canonical compact JSON bytes of this value to `out`.
  public func write(into out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): JSON.writeNumber(n, into: &out)
    case .string(let s): JSON.writeString(s, into: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (i, e) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        e.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.sorted(by: { JSON.utf8Less($0.key, $1.key) }).enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        JSON.writeString(member.key, into: &out)
        out.append(UInt8(ascii: ":"))
        member.value.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func utf8Less(_ a: String, _ b: String) -> Bool {
    let fast: Bool?? = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y in
        let common = min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        return order != 0 ? order < 0 : x.count < y.count
      }
    }
    if let fast, let fast { return fast }
    return a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// Writes a number as an integer when it is whole, otherwise in Swift's shortest round-trip form.
  static func writeNumber(_ n: Double, into out: inout [UInt8]) {
    if n.isNaN || n.isInfinite {
      out.append(contentsOf: "null".utf8)
    } else if n.rounded() == n && abs(n) < 1e15 {
      out.append(contentsOf: String(Int64(n)).utf8)
    } else {
      out.append(contentsOf: "\(n)".utf8)
    }
  }

  /// Writes `s` as a JSON string literal, escaping quotes, backslashes and control characters.
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
      for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
      out.append(contentsOf: bytes)  // nothing to escape: copy the bytes in one go
      return true
    }
    if copied == true {
      out.append(UInt8(ascii: "\""))
      return
    }
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case 0x0A: out.append(contentsOf: "\\n".utf8)
      case 0x0D: out.append(contentsOf: "\\r".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSON: CustomStringConvertible {
  public var description: String { serialized() }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSON)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  public init(nilLiteral: ()) { self = .null }
}
