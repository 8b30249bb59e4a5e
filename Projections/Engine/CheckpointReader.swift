import EventStore

/// Reads the binary checkpoint form; any inconsistency is an error (the checkpoint is then rebuilt).
public struct CheckpointReader {
  let bytes: [UInt8]
  var index = 0

  /// A reader at the start of `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte has been read.
  public var atEnd: Bool { index == bytes.count }

  /// Reads a variable-length integer (7 bits a byte, low bits first).
  public mutating func int() throws(ProjectionError) -> Int {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard index < bytes.count, shift < 64 else { throw ProjectionError.damagedCheckpoint }
      let byte = bytes[index]
      index += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return Int(Int64(bitPattern: value)) }
      shift += 7
    }
  }

  /// Reads a 64-bit word written by `CheckpointWriter.word`.
  public mutating func word() throws(ProjectionError) -> UInt64 {
    guard index + 8 <= bytes.count else { throw ProjectionError.damagedCheckpoint }
    var value: UInt64 = 0
    for k in 0..<8 { value |= UInt64(bytes[index + k]) << (8 * UInt64(k)) }
    index += 8
    return value
  }

  mutating func slice() throws(ProjectionError) -> ArraySlice<UInt8> {
    let count = try int()
    guard count >= 0, index + count <= bytes.count else { throw ProjectionError.damagedCheckpoint }
    defer { index += count }
    return bytes[index..<(index + count)]
  }

  /// Reads a length-prefixed UTF-8 string.
  public mutating func string() throws(ProjectionError) -> String {
    let raw = try slice()
    guard let text = UTF8Text.string(raw) else { throw ProjectionError.damagedCheckpoint }
    return text
  }

  /// Reads a string or nil.
  public mutating func optionalString() throws(ProjectionError) -> String? { try int() == 0 ? nil : try string() }

  /// Reads a list of strings.
  public mutating func strings() throws(ProjectionError) -> [String] {
    let count = try int()
    guard count >= 0, count <= bytes.count else { throw ProjectionError.damagedCheckpoint }
    var strings: [String] = []
    for _ in 0..<count { strings.append(try string()) }
    return strings
  }

  /// Reads a JSON value written by `CheckpointWriter.json`, no deeper than `JSONParser` allows.
  public mutating func json(depth: Int = 0) throws(ProjectionError) -> JSON {
    guard index < bytes.count, depth <= JSONParser.maximumDepth else { throw ProjectionError.damagedCheckpoint }
    let tag = bytes[index]
    index += 1
    switch tag {
    case JSONTag.null: return .null
    case JSONTag.false: return .bool(false)
    case JSONTag.true: return .bool(true)
    case JSONTag.number:
      guard index + 8 <= bytes.count else { throw ProjectionError.damagedCheckpoint }
      var pattern: UInt64 = 0
      for k in 0..<8 { pattern |= UInt64(bytes[index + k]) << UInt64(8 * k) }
      index += 8
      return .number(Double(bitPattern: pattern))
    case JSONTag.string: return .string(try string())
    case JSONTag.array:
      let count = try int()
      guard count >= 0, count <= bytes.count - index else { throw ProjectionError.damagedCheckpoint }
      var elements: [JSON] = []
      elements.reserveCapacity(count)
      for _ in 0..<count { elements.append(try json(depth: depth + 1)) }
      return .array(elements)
    case JSONTag.object:
      let count = try int()
      guard count >= 0, count <= bytes.count - index else { throw ProjectionError.damagedCheckpoint }
      var members: [String: JSON] = Dictionary(minimumCapacity: count)
      for _ in 0..<count {
        let key = try string()
        members[key] = try json(depth: depth + 1)
      }
      return .object(members)
    default: throw ProjectionError.damagedCheckpoint
    }
  }
}
