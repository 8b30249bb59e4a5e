import EventStore

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
      switch bytes.withUnsafeBufferPointer({ PayloadScan(bytes: $0).member(Array(key.utf8)) }) {
      case .absent: return nil
      case .string(let value): return value
      case .needsDecoding: return json[key]?.stringValue
      }
    }
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
