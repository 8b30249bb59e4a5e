import EventStore

#if canImport(Glibc)
  import Glibc
#endif

/// A fact's payload: the record's JSON text as stored, decoded only when a view reads it, or a
/// `JSON` tree when a fold or an upcast built one.
///
/// The text form keeps a fact at about a third of the memory of its tree (one byte array instead
/// of a dictionary of strings), so a replay that keeps every fact does not hold a tree per event.
/// The text is the payload of a record whose hash the replay checked and that parsed when it was
/// read, so decoding it again cannot fail; if it ever did, the payload reads as `null`.
enum FactPayload: Sendable {
  case text([UInt8])
  case tree(JSON)

  /// The payload as a `JSON` value (decoded from the text each time for the text form).
  var json: JSON {
    switch self {
    case .tree(let tree): return tree
    case .text(let bytes): return (try? JSONParser.parse(bytes: bytes)) ?? .null
    }
  }

  /// `restates` as a string, read without decoding the rest of the text.
  var restates: String? { string("restates") }

  /// A top-level member's value when it is a string (nil when absent or not a string), read
  /// without building a tree for the text form.
  func string(_ key: String) -> String? {
    switch self {
    case .tree(let tree): return tree[key]?.stringValue
    case .text(let bytes):
      let name = Array(key.utf8)
      if !FactPayload.mayContain(name, in: bytes) { return nil }
      switch bytes.withUnsafeBufferPointer({ PayloadScan(bytes: $0).member(name) }) {
      case .absent: return nil
      case .string(let value): return value
      case .needsDecoding: return json[key]?.stringValue
      }
    }
  }
}

extension FactPayload {
  /// Whether the text may hold a member named `name`.
  ///
  /// False when the name's bytes occur nowhere in it and it has no escapes (a name written with
  /// escapes would not show its bytes). Two
  /// memchr-based searches, so most payloads skip the scan for a member they lack (`restates`).
  static func mayContain(_ name: [UInt8], in text: [UInt8]) -> Bool {
    text.withUnsafeBytes { raw in
      name.withUnsafeBytes { needle in
        guard let base = raw.baseAddress, let key = needle.baseAddress else { return true }
        return contains(key, needle.count, in: base, raw.count) || memchr(base, 0x5C, raw.count) != nil
      }
    }
  }

  /// Whether `count` bytes at `key` occur in the `length` bytes at `base` (memchr for the first
  /// byte, then a compare).
  private static func contains(
    _ key: UnsafeRawPointer, _ count: Int, in base: UnsafeRawPointer, _ length: Int
  ) -> Bool {
    guard count > 0 else { return true }
    let first = Int32(key.load(as: UInt8.self))
    var start = 0
    while start + count <= length, let hit = memchr(base + start, first, length - start - count + 1) {
      if memcmp(hit, key, count) == 0 { return true }
      start = base.distance(to: UnsafeRawPointer(hit)) + 1
    }
    return false
  }
}

extension FactPayload: Equatable {
  /// Equal when they hold the same JSON value: text forms compare byte by byte first.
  static func == (a: FactPayload, b: FactPayload) -> Bool {
    if case .text(let x) = a, case .text(let y) = b, x == y { return true }
    return a.json == b.json
  }
}

extension FactPayload: Codable {
  init(from decoder: any Decoder) throws { self = .tree(try JSON(from: decoder)) }

  func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}
