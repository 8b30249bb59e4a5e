#if canImport(Glibc)
  import Glibc
#endif

/// Turns new events into record lines: the exact bytes the store writes and hashes.
enum RecordEncoder {
  /// Checks what the store itself requires of an event (the domain checks the rest).
  static func check(_ event: CanonicalEvent, index: Int) throws(StoreError) {
    func fail(_ message: String) -> StoreError {
      StoreError(.invalidInput, "event \(index + 1) (id '\(event.id)'): \(message)")
    }
    guard !event.id.isEmpty, event.id.utf8.count <= 256 else { throw fail("id must be 1 to 256 bytes") }
    guard !event.type.isEmpty, event.type.utf8.count <= 128 else { throw fail("type must be 1 to 128 bytes") }
    guard !event.stream.isEmpty, event.stream.utf8.count <= 256 else { throw fail("stream must be 1 to 256 bytes") }
    guard event.schemaVersion >= 1 && event.schemaVersion <= 1_000_000 else {
      throw fail("schema version must be a positive integer")
    }
    guard event.data.isObject else { throw fail("data must be a JSON object, not \(event.data.kindName)") }
    guard event.meta.isObject else { throw fail("meta must be a JSON object, not \(event.meta.kindName)") }
    if let valid = event.valid {
      guard isDate(valid.from), isDate(valid.to) else {
        throw fail("valid time must be ISO dates YYYY-MM-DD, got '\(valid.from)'..'\(valid.to)'")
      }
      guard valid.from <= valid.to else { throw fail("valid time ends (\(valid.to)) before it starts (\(valid.from))") }
    }
  }

  /// Whether `text` is a plausible ISO calendar date (`YYYY-MM-DD`, month 1–12, day 1–31).
  static func isDate(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { isDate($0) }
  }

  private static func isDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
    for i in 0..<10 where i != 4 && i != 7 && (b[i] < 48 || b[i] > 57) { return false }
    let month = Int(b[5] - 48) * 10 + Int(b[6] - 48)
    let day = Int(b[8] - 48) * 10 + Int(b[9] - 48)
    return (1...12).contains(month) && (1...31).contains(day)
  }

  /// The bytes that decide whether two events with one id are the same: everything but the id.
  static func contentSignature(_ event: CanonicalEvent) -> [UInt8] {
    var out: [UInt8] = []
    appendContent(event, into: &out)
    return out
  }

  /// The same signature read back from a stored record.
  static func contentSignature(_ view: RecordView) -> [UInt8] {
    var out: [UInt8] = []
    out.append(contentsOf: view.bytes[view.typeRange])
    out.append(0)
    out.append(contentsOf: String(view.schemaVersion).utf8)
    out.append(0)
    out.append(contentsOf: view.bytes[view.streamRange])
    out.append(0)
    out.append(contentsOf: view.bytes[view.validRange])
    out.append(0)
    out.append(contentsOf: view.metaBytes)
    out.append(0)
    out.append(contentsOf: view.dataBytes)
    return out
  }

  private static func appendContent(_ event: CanonicalEvent, into out: inout [UInt8]) {
    out.append(contentsOf: escapedBody(event.type))
    out.append(0)
    out.append(contentsOf: String(event.schemaVersion).utf8)
    out.append(0)
    out.append(contentsOf: escapedBody(event.stream))
    out.append(0)
    appendValid(event.valid, into: &out)
    out.append(0)
    out.append(contentsOf: event.meta.bytes)
    out.append(0)
    out.append(contentsOf: event.data.bytes)
  }

  /// A string's JSON-escaped bytes without the surrounding quotes.
  private static func escapedBody(_ s: String) -> ArraySlice<UInt8> {
    var quoted: [UInt8] = []
    JSON.writeString(s, into: &quoted)
    return quoted[1..<(quoted.count - 1)]
  }

  private static func appendValid(_ valid: ValidTime?, into out: inout [UInt8]) {
    guard let valid else {
      out.append(contentsOf: "null".utf8)
      return
    }
    out.append(contentsOf: #"{"from":""#.utf8)
    out.append(contentsOf: valid.from.utf8)
    out.append(contentsOf: #"","to":""#.utf8)
    out.append(contentsOf: valid.to.utf8)
    out.append(contentsOf: #""}"#.utf8)
  }

  /// Appends one record line (with its newline) to `out` and returns its chain hash.
  static func encode(
    _ event: CanonicalEvent, position: Int, batchEnd: Int, recorded: String, previousHash: [UInt8],
    into out: inout [UInt8]
  ) -> [UInt8] {
    let start = out.count
    out.append(contentsOf: #"{"pos":"#.utf8)
    out.append(contentsOf: String(position).utf8)
    out.append(contentsOf: #","id":"#.utf8)
    JSON.writeString(event.id, into: &out)
    out.append(contentsOf: #","type":"#.utf8)
    JSON.writeString(event.type, into: &out)
    out.append(contentsOf: #","v":"#.utf8)
    out.append(contentsOf: String(event.schemaVersion).utf8)
    out.append(contentsOf: #","stream":"#.utf8)
    JSON.writeString(event.stream, into: &out)
    out.append(contentsOf: #","valid":"#.utf8)
    appendValid(event.valid, into: &out)
    out.append(contentsOf: #","recorded":""#.utf8)
    out.append(contentsOf: recorded.utf8)
    out.append(contentsOf: #"","batch":"#.utf8)
    out.append(contentsOf: String(batchEnd).utf8)
    out.append(contentsOf: #","meta":"#.utf8)
    out.append(contentsOf: event.meta.bytes)
    out.append(contentsOf: #","data":"#.utf8)
    out.append(contentsOf: event.data.bytes)
    let hash = out.withUnsafeBufferPointer {
      HashChain.link(previous: previousHash, content: UnsafeBufferPointer(rebasing: $0[start...]))
    }
    out.append(contentsOf: RecordLayout.hashKey)
    out.append(contentsOf: HashChain.hex(hash))
    out.append(contentsOf: #""}"#.utf8)
    out.append(0x0A)
    return hash
  }
}
