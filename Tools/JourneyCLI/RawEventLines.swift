import EventStore
import Foundation

/// Reads the raw event lines of `journey append`.
enum RawEventLines {
  /// Parses every line; the first bad one is an error naming its line and field.
  static func parse(_ input: [UInt8], source: String) throws(CLIError) -> [NewEvent] {
    var events: [NewEvent] = []
    var lineNumber = 0
    for line in input.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.last == 0x0D ? line.dropLast() : line
      if isBlank(trimmed) { continue }
      events.append(try event(Array(trimmed), line: lineNumber, source: source))
    }
    return events
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
    var hasher = SHA256()
    let content = [type, stream, valid?.from ?? "", valid?.to ?? "", data.serialized(), meta.serialized()].joined(
      separator: "\u{0}")
    hasher.update(Array(content.utf8))
    return type + "-" + String(HashChain.hexString(hasher.finalize().bytes).prefix(20))
  }
}
