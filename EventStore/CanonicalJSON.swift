/// JSON text in the store's canonical form: compact, object keys sorted by their UTF-8 bytes,
/// numbers and strings written as `JSON.write(into:)` writes them.
///
/// A value can only be made by writing a `JSON` tree or by `CanonicalJSONScanner`, which checks
/// the text as `JSONParser` does, so the bytes are always what the store would have written.
public struct CanonicalJSON: Sendable, Hashable {
  /// The canonical bytes.
  public let bytes: [UInt8]

  init(trusted bytes: [UInt8]) { self.bytes = bytes }

  /// The canonical form of `json`.
  public init(_ json: JSON) {
    var out: [UInt8] = []
    json.write(into: &out)
    bytes = out
  }

  /// The canonical form of the JSON value in `text`, or nil when `text` is not one JSON value.
  ///
  /// It accepts exactly what `JSONParser` accepts, except for a few rare forms the scanner leaves
  /// to the parser (see `CanonicalJSONScanner`); for those it parses a tree and writes it.
  public init?(text: UnsafeBufferPointer<UInt8>) {
    var scanner = CanonicalJSONScanner(text)
    var out: [UInt8] = []
    scanner.skipWhitespace()
    if scanner.value(into: &out) {
      scanner.skipWhitespace()
      if scanner.atEnd {
        self.init(trusted: out)
        return
      }
    }
    guard let json = try? JSONParser.parse(bytes: text) else { return nil }
    self.init(json)
  }

  /// The JSON kind of the value ("object", "string", …), read from its first byte.
  public var kindName: String {
    switch bytes.first {
    case UInt8(ascii: "{"): "object"
    case UInt8(ascii: "["): "array"
    case UInt8(ascii: "\""): "string"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): "boolean"
    case UInt8(ascii: "n"): "null"
    default: "number"
    }
  }

  /// Whether the value is a JSON object.
  public var isObject: Bool { bytes.first == UInt8(ascii: "{") }

  /// The empty object, `{}`.
  public static let emptyObject = CanonicalJSON(trusted: Array("{}".utf8))
}
