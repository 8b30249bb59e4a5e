import EventStore
import Foundation

/// Reads the raw event lines of `journey append`.
enum RawEventLines {
  /// The event on one input line (a final carriage return is dropped), read in one pass when it
  /// can be, otherwise through a `JSON` tree, which also names the line's error.
  static func canonicalEvent(
    _ line: ArraySlice<UInt8>, line number: Int, source: String, reader: inout RawEventScanner
  ) throws(CLIError) -> CanonicalEvent {
    let trimmed = line.last == 0x0D ? line.dropLast() : line
    let fast = trimmed.withUnsafeBufferPointer { reader.event($0) }
    if let fast { return fast }
    return CanonicalEvent(try event(Array(trimmed), line: number, source: source))
  }

  /// Whether a line holds only spaces, tabs and a final carriage return (skipped, not an event).
  static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  /// The event on one input line, or an error naming the line and the field.
  static func event(_ bytes: [UInt8], line: Int, source: String) throws(CLIError) -> NewEvent {
    func fail(_ field: String, _ message: String) -> CLIError {
      .failure("\(source) line \(line), field \(field): \(message)")
    }
    let json: JSON
    do { json = try JSONParser.parse(bytes: bytes) } catch {
      let report = ErrorReport(error)
      throw .failure("\(source) line \(line): \(report.message)", hint: report.hint)
    }
    guard case .object(let members) = json else { throw fail("(line)", "expected a JSON object") }
    let known: Set = ["id", "type", "stream", "v", "valid", "data", "meta"]
    if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
      throw fail(unknown, "unknown field; expected one of \(known.sorted().joined(separator: ", "))")
    }
    guard let type = members["type"]?.stringValue, !type.isEmpty else {
      throw fail("type", "required, a non-empty string")
    }
    guard let data = members["data"], case .object = data else { throw fail("data", "required, a JSON object") }
    let meta = members["meta"] ?? [:]
    guard case .object = meta else { throw fail("meta", "expected a JSON object") }
    let version = members["v"].map { $0.intValue } ?? 1
    guard let version, version >= 1 else { throw fail("v", "expected a positive whole number") }
    let valid = try validTime(members["valid"], fail: fail)
    let stream = members["stream"]?.stringValue ?? "default"
    let id = members["id"]?.stringValue ?? derivedID(type: type, stream: stream, valid: valid, data: data, meta: meta)
    return NewEvent(id: id, type: type, schemaVersion: version, stream: stream, valid: valid, data: data, meta: meta)
  }

  private static func validTime(_ json: JSON?, fail: (String, String) -> CLIError) throws(CLIError) -> ValidTime? {
    guard let json, json != .null else { return nil }
    if let day = json.stringValue { return ValidTime(day: day) }
    guard let from = json["from"]?.stringValue, let to = json["to"]?.stringValue else {
      throw fail("valid", #"expected "YYYY-MM-DD" or {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}"#)
    }
    return ValidTime(from: from, to: to)
  }

  /// An id derived from the content, so that re-appending the same line is idempotent.
  static func derivedID(type: String, stream: String, valid: ValidTime?, data: JSON, meta: JSON) -> String {
    derivedID(
      type: type, stream: stream, valid: valid, data: CanonicalJSON(data).bytes, meta: CanonicalJSON(meta).bytes)
  }

  /// The same id from the canonical bytes of `data` and `meta`.
  static func derivedID(type: String, stream: String, valid: ValidTime?, data: [UInt8], meta: [UInt8]) -> String {
    var content: [UInt8] = []
    for part in [type, stream, valid?.from ?? "", valid?.to ?? ""] {
      content.append(contentsOf: part.utf8)
      content.append(0)
    }
    content.append(contentsOf: data)
    content.append(0)
    content.append(contentsOf: meta)
    var hasher = SHA256()
    hasher.update(content)
    return type + "-" + String(HashChain.hexString(hasher.finalize().bytes).prefix(20))
  }
}
