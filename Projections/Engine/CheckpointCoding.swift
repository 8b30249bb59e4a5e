import EventStore

/// A compact binary encoding for checkpointed states, much faster to load than `JSONDecoder`.
///
/// States that adopt it are checkpointed in this form (a leading 0x02 byte tells it apart; 0x01
/// was the earlier form with JSON payloads as text, now ignored and rebuilt);
/// others are checkpointed as JSON through `Codable`. Decoding must give a state equal to the one
/// encoded: the conformance check compares checkpoint + tail with a full replay.
public protocol CheckpointCoding {
  func encodeCheckpoint(into writer: inout CheckpointWriter)
  init(checkpoint reader: inout CheckpointReader) throws
}

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

extension FactSet: CheckpointCoding {
  public func encodeCheckpoint(into w: inout CheckpointWriter) {
    w.int(all.count)
    for f in all {
      w.string(f.id)
      w.string(f.type)
      w.string(f.stream)
      w.int(f.position)
      w.optionalString(f.valid?.from)
      w.optionalString(f.valid?.to)
      w.optionalString(f.reported)
      w.json(f.data)
      w.int(f.original == nil ? 0 : 1)
      if let original = f.original { w.json(original) }
      w.string(f.metaText)
      w.strings(f.corrections)
      w.optionalString(f.retractedBy)
    }
    let ids = disagreements.keys.sorted()
    w.int(ids.count)
    for id in ids {
      let d = disagreements[id]!
      w.string(d.id)
      w.string(d.topic)
      w.strings(d.events)
      w.optionalString(d.preferred)
      w.string(d.rule)
      w.optionalString(d.reported)
    }
    let named = disagreementsByFactForCheckpoint
    w.int(named.count)
    for (fact, list) in named.sorted(by: { $0.key < $1.key }) {
      w.string(fact)
      w.strings(list)
    }
  }

  public init(checkpoint r: inout CheckpointReader) throws {
    self.init()
    let count = try r.int()
    guard count >= 0 else { throw CheckpointReader.Damaged() }
    for _ in 0..<count {
      let id = try r.string()
      let type = try r.string()
      let stream = try r.string()
      let position = try r.int()
      let from = try r.optionalString()
      let to = try r.optionalString()
      let valid = try from.map { f -> ValidTime in
        guard let to else { throw CheckpointReader.Damaged() }
        return ValidTime(from: f, to: to)
      }
      var fact = Fact(
        id: id, type: type, stream: stream, position: position, valid: valid, reported: try r.optionalString(),
        data: try r.json(), metaText: "")
      if try r.int() == 1 { fact.original = try r.json() }
      fact.metaText = try r.string()
      fact.corrections = try r.strings()
      fact.retractedBy = try r.optionalString()
      restoreFact(fact)
    }
    let disagreementCount = try r.int()
    for _ in 0..<max(0, disagreementCount) {
      let d = Disagreement(
        id: try r.string(), topic: try r.string(), events: try r.strings(), preferred: try r.optionalString(),
        rule: try r.string(), reported: try r.optionalString())
      restoreDisagreement(d)
    }
    let namedCount = try r.int()
    var named: [String: [String]] = [:]
    for _ in 0..<max(0, namedCount) { named[try r.string()] = try r.strings() }
    restoreDisagreementsByFact(named)
  }
}

extension FactSetState {
  public func encodeCheckpoint(into writer: inout CheckpointWriter) { facts.encodeCheckpoint(into: &writer) }

  public init(checkpoint reader: inout CheckpointReader) throws {
    self.init()
    facts = try FactSet(checkpoint: &reader)
  }
}
