import EventStore

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one raw event line of `journey append` in a single pass over its bytes, without a `JSON`
/// tree: the payload and metadata are checked and written canonically by `CanonicalJSONScanner`.
///
/// It returns nil for any line it does not read exactly as `RawEventLines.event` would (every
/// invalid line, and rare valid forms such as escaped field names or a non-string `id`); the
/// caller then reads that line with `RawEventLines.event`, which also names the error.
struct RawEventScanner {
  private var scanner: CanonicalJSONScanner
  private var id: String?
  private var type: String?
  private var stream: String?
  private var version: Int?
  private var valid: ValidTime?
  private var data: CanonicalJSON?
  private var meta: CanonicalJSON?
  private var seen: UInt8 = 0

  private enum Field: UInt8 {
    case id, type, stream, v, valid, data, meta

    /// The field named by `name`, or nil.
    init?(_ name: UnsafeBufferPointer<UInt8>) {
      let candidate: Field? =
        switch name.first {
        case UInt8(ascii: "i"): .id
        case UInt8(ascii: "t"): .type
        case UInt8(ascii: "s"): .stream
        case UInt8(ascii: "v"): name.count == 1 ? .v : .valid
        case UInt8(ascii: "d"): .data
        case UInt8(ascii: "m"): .meta
        default: nil
        }
      guard let candidate, RawEventScanner.equal(candidate.name, name) else { return nil }
      self = candidate
    }

    var name: UnsafeBufferPointer<UInt8> {
      let text: StaticString =
        switch self {
        case .id: "id"
        case .type: "type"
        case .stream: "stream"
        case .v: "v"
        case .valid: "valid"
        case .data: "data"
        case .meta: "meta"
        }
      return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }
  }

  /// The event on `line`, or nil when the line needs `RawEventLines.event`.
  static func event(_ line: UnsafeBufferPointer<UInt8>) -> CanonicalEvent? {
    var reader = RawEventScanner()
    return reader.event(line)
  }

  /// A reader for many lines, one after another.
  init() { scanner = CanonicalJSONScanner(UnsafeBufferPointer(start: nil, count: 0)) }

  /// The event on `line`, or nil when the line needs `RawEventLines.event`.
  mutating func event(_ line: UnsafeBufferPointer<UInt8>) -> CanonicalEvent? {
    (id, type, stream, version, valid, data, meta, seen) = (nil, nil, nil, nil, nil, nil, nil, 0)
    scanner.reset(line)
    guard readObject() else { return nil }
    return event()
  }

  private mutating func readObject() -> Bool {
    scanner.skipWhitespace()
    guard scanner.consume(UInt8(ascii: "{")) else { return false }
    scanner.depth = 1
    repeat {
      scanner.skipWhitespace()
      guard readMember() else { return false }
      scanner.skipWhitespace()
    } while scanner.consume(UInt8(ascii: ","))
    guard scanner.consume(UInt8(ascii: "}")) else { return false }
    scanner.skipWhitespace()
    return scanner.atEnd
  }

  private mutating func readMember() -> Bool {
    guard let name = scanner.plainString(), let field = Field(name), seen & (1 << field.rawValue) == 0 else {
      return false
    }
    seen |= 1 << field.rawValue
    scanner.skipWhitespace()
    guard scanner.consume(UInt8(ascii: ":")) else { return false }
    scanner.skipWhitespace()
    switch field {
    case .id: id = readString()
    case .type: type = readString()
    case .stream: stream = readString()
    case .v: version = scanner.smallInteger()
    case .valid: return readValid()
    case .data: data = readObjectValue()
    case .meta: meta = readObjectValue()
    }
    return isSet(field)
  }

  private func isSet(_ field: Field) -> Bool {
    switch field {
    case .id: id != nil
    case .type: type != nil
    case .stream: stream != nil
    case .v: version != nil
    case .valid: true
    case .data: data != nil
    case .meta: meta != nil
    }
  }

  private mutating func readString() -> String? {
    scanner.plainString().map { String(decoding: $0, as: UTF8.self) }
  }

  private mutating func readObjectValue() -> CanonicalJSON? {
    guard scanner.current == UInt8(ascii: "{") else { return nil }
    return scanner.canonicalValue()
  }

  /// `null`, a day `"YYYY-MM-DD"`, or `{"from":…,"to":…}` with no other members.
  private mutating func readValid() -> Bool {
    if scanner.consume("null") { return true }
    if scanner.current == UInt8(ascii: "\"") {
      guard let day = readString() else { return false }
      valid = ValidTime(day: day)
      return true
    }
    guard let bytes = readObjectValue()?.bytes, let valid = RawEventScanner.fromTo(bytes) else { return false }
    self.valid = valid
    return true
  }

  /// The dates of a canonical `{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}` (any ten bytes without
  /// escapes), or nil for any other object.
  private static func fromTo(_ bytes: [UInt8]) -> ValidTime? {
    bytes.withUnsafeBufferPointer { b -> ValidTime? in
      guard b.count == 39, equal(b, at: 0, "{\"from\":\""), equal(b, at: 19, "\",\"to\":\""), equal(b, at: 37, "\"}")
      else { return nil }
      let from = UnsafeBufferPointer(rebasing: b[9..<19])
      let to = UnsafeBufferPointer(rebasing: b[27..<37])
      guard !from.contains(UInt8(ascii: "\\")), !to.contains(UInt8(ascii: "\\")) else { return nil }
      return ValidTime(from: String(decoding: from, as: UTF8.self), to: String(decoding: to, as: UTF8.self))
    }
  }

  /// Whether `bytes` hold `literal` at `offset`.
  private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ literal: StaticString) -> Bool {
    offset + literal.utf8CodeUnitCount <= bytes.count
      && memcmp(bytes.baseAddress! + offset, literal.utf8Start, literal.utf8CodeUnitCount) == 0
  }

  /// Whether two byte buffers are equal.
  private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
  }

  private func event() -> CanonicalEvent? {
    guard let type, !type.isEmpty, let data else { return nil }
    let version = version ?? 1
    guard version >= 1 else { return nil }
    let meta = meta ?? .emptyObject
    let stream = stream ?? "default"
    let id = id ?? RawEventLines.derivedID(type: type, stream: stream, valid: valid, data: data.bytes, meta: meta.bytes)
    return CanonicalEvent(
      id: id, type: type, schemaVersion: version, stream: stream, valid: valid, data: data, meta: meta)
  }
}
