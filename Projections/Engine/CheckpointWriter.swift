import EventStore

/// Writes the binary checkpoint form: lengths as LEB128 varints, strings as UTF-8.
public struct CheckpointWriter {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public mutating func int(_ value: Int) {
    var v = UInt64(bitPattern: Int64(value))
    repeat {
      let byte = UInt8(v & 0x7F)
      v >>= 7
      bytes.append(v == 0 ? byte : byte | 0x80)
    } while v != 0
  }

  /// Writes a 64-bit word as 8 bytes, little-endian.
  public mutating func word(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Appends raw bytes (after their length, which the caller writes).
  mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

  public mutating func string(_ value: String) {
    int(value.utf8.count)
    bytes.append(contentsOf: value.utf8)
  }

  public mutating func optionalString(_ value: String?) {
    int(value == nil ? 0 : 1)
    if let value { string(value) }
  }

  public mutating func strings(_ values: [String]) {
    int(values.count)
    for value in values { string(value) }
  }

  /// Writes a JSON value as a tag byte and its contents: objects and arrays as counts followed by
  /// their members, numbers as their 64-bit pattern, strings length-prefixed.
  public mutating func json(_ value: JSON) {
    switch value {
    case .null: bytes.append(JSONTag.null)
    case .bool(let b): bytes.append(b ? JSONTag.true : JSONTag.false)
    case .number(let n):
      bytes.append(JSONTag.number)
      withUnsafeBytes(of: n.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    case .string(let s):
      bytes.append(JSONTag.string)
      string(s)
    case .array(let elements):
      bytes.append(JSONTag.array)
      int(elements.count)
      for element in elements { json(element) }
    case .object(let members):
      bytes.append(JSONTag.object)
      int(members.count)
      for (key, member) in members.sorted(by: { $0.key < $1.key }) {
        string(key)
        json(member)
      }
    }
  }
}

/// The tag bytes of JSON values in the binary checkpoint form.
enum JSONTag {
  static let null: UInt8 = 0
  static let `false`: UInt8 = 1
  static let `true`: UInt8 = 2
  static let number: UInt8 = 3
  static let string: UInt8 = 4
  static let array: UInt8 = 5
  static let object: UInt8 = 6
}
