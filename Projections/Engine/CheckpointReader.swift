import EventStore

/// Reads the binary checkpoint form; any inconsistency is an error (the checkpoint is then rebuilt).
public struct CheckpointReader {
  let bytes: [UInt8]
  var index = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public var atEnd: Bool { index == bytes.count }

  struct Damaged: Error {}

  public mutating func int() throws -> Int {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard index < bytes.count, shift < 64 else { throw Damaged() }
      let byte = bytes[index]
      index += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return Int(Int64(bitPattern: value)) }
      shift += 7
    }
  }

  mutating func slice() throws -> ArraySlice<UInt8> {
    let count = try int()
    guard count >= 0, index + count <= bytes.count else { throw Damaged() }
    defer { index += count }
    return bytes[index..<(index + count)]
  }

  public mutating func string() throws -> String {
    let raw = try slice()
    guard let text = UTF8Text.string(raw) else { throw Damaged() }
    return text
  }

  public mutating func optionalString() throws -> String? { try int() == 0 ? nil : try string() }

  public mutating func strings() throws -> [String] {
    let count = try int()
    guard count >= 0, count <= bytes.count else { throw Damaged() }
    return try (0..<count).map { _ in try string() }
  }

  /// Reads a JSON value written by `CheckpointWriter.json`, no deeper than `JSONParser` allows.
  public mutating func json(depth: Int = 0) throws -> JSON {
    guard index < bytes.count, depth <= JSONParser.maximumDepth else { throw Damaged() }
    let tag = bytes[index]
    index += 1
    switch tag {
    case JSONTag.null: return .null
    case JSONTag.false: return .bool(false)
    case JSONTag.true: return .bool(true)
    case JSONTag.number:
      guard index + 8 <= bytes.count else { throw Damaged() }
      var pattern: UInt64 = 0
      for k in 0..<8 { pattern |= UInt64(bytes[index + k]) << UInt64(8 * k) }
      index += 8
      return .number(Double(bitPattern: pattern))
    case JSONTag.string: return .string(try string())
    case JSONTag.array:
      let count = try int()
      guard count >= 0, count <= bytes.count - index else { throw Damaged() }
      var elements: [JSON] = []
      elements.reserveCapacity(count)
      for _ in 0..<count { elements.append(try json(depth: depth + 1)) }
      return .array(elements)
    case JSONTag.object:
      let count = try int()
      guard count >= 0, count <= bytes.count - index else { throw Damaged() }
      var members: [String: JSON] = Dictionary(minimumCapacity: count)
      for _ in 0..<count {
        let key = try string()
        members[key] = try json(depth: depth + 1)
      }
      return .object(members)
    default: throw Damaged()
    }
  }
}
