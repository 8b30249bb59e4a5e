import EventStore
import Foundation

/// Reads domain events from JSON lines: `journey import events`, `journey record` and the sample ledger.
///
/// One line: `{"id":…, "type":…, "authority":…, "reported":"YYYY-MM-DD", "source":{…}, "data":{…}}`.
public enum EventLine {
  static let keys: Set = ["id", "type", "v", "authority", "reported", "source", "data"]
  static let sourceKeys: Set = [
    "file", "lines", "quote", "document_date", "kind", "url", "release", "column", "title", "part",
  ]

  /// Parses and validates one line (1-based `line` is used in errors).
  public static func parse(_ json: JSON, line: Int? = nil, registry: AuthorityRegistry = .shared) throws(DomainError)
    -> DomainEvent
  {
    do {
      return try parse(json, registry: registry)
    } catch {
      throw line.map { error.at(line: $0) } ?? error
    }
  }

  private static func parse(_ json: JSON, registry: AuthorityRegistry) throws(DomainError) -> DomainEvent {
    guard case .object(let m) = json else {
      throw DomainError(.malformedInput, "expected a JSON object, not \(json.kindName)")
    }
    if let unknown = m.keys.sorted().first(where: { !keys.contains($0) }) {
      throw DomainError(
        .unknownField, "unknown field; expected \(keys.sorted().joined(separator: ", "))", field: unknown)
    }
    guard let type = m["type"]?.stringValue else {
      throw DomainError(.missingField, "missing; expected an event type", field: "type")
    }
    let spec = try EventCatalogue.spec(type)
    let authority = try authorityField(m["authority"], registry: registry)
    let reported = try reportedField(m["reported"])
    let source = try sourceField(m["source"])
    var data = m["data"] ?? .null
    if let version = m["v"] {
      guard let v = version.intValue, v >= 1 else { throw DomainError("expected a schema version number", field: "v") }
      data = try Upcaster.upcast(type: type, version: v, data: data).data
    }
    let (checked, valid) = try spec.validate(data)
    let id = try idField(m["id"]) ?? derivedID(type: type, stream: authority.stream, data: checked)
    return DomainEvent(
      id: id, type: type, authority: authority, reported: reported, source: source, data: checked, valid: valid)
  }

  private static func authorityField(_ value: JSON?, registry: AuthorityRegistry) throws(DomainError) -> Authority {
    guard let text = value?.stringValue else {
      throw DomainError(.missingField, "missing; expected an authority name or code", field: "authority")
    }
    do { return try registry.resolve(text) } catch {
      var located = error
      located.field = "authority"
      throw located
    }
  }

  private static func reportedField(_ value: JSON?) throws(DomainError) -> Day {
    guard let text = value?.stringValue else {
      throw DomainError(
        .missingField, "missing; expected the date of the source that made the fact known (YYYY-MM-DD)",
        field: "reported")
    }
    do { return try Day(iso: text) } catch { throw error.inField("reported") }
  }

  private static func idField(_ value: JSON?) throws(DomainError) -> String? {
    guard let value else { return nil }
    guard let id = value.stringValue, !id.isEmpty, id.utf8.count <= 200,
      id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
    else { throw DomainError("expected 1–200 characters of letters, digits, '-', '_', '.', ':'", field: "id") }
    return id
  }

  /// The source `kind` of an event recorded without a source (`journey record --unsourced`):
  /// `{"kind": "unsourced"}`, shown as "unsourced" wherever a citation would be.
  public static let unsourcedKind = "unsourced"

  /// Checks provenance: `file`, `lines` (`a` or `a-b`), `quote` are required when a source is given,
  /// unless it is `{"kind": "unsourced"}` alone.
  private static func sourceField(_ value: JSON?) throws(DomainError) -> JSON? {
    guard let value else { return nil }
    guard case .object(let s) = value else { throw DomainError(.malformedInput, "expected an object", field: "source") }
    if s == ["kind": .string(unsourcedKind)] { return value }
    if let unknown = s.keys.sorted().first(where: { !sourceKeys.contains($0) }) {
      throw DomainError(
        .unknownField, "unknown field; expected \(sourceKeys.sorted().joined(separator: ", "))",
        field: "source.\(unknown)")
    }
    for key in ["file", "lines", "quote"] where (s[key]?.stringValue ?? "").isEmpty {
      throw DomainError(.missingField, "missing; expected a non-empty string", field: "source.\(key)")
    }
    let lines = s["lines"]!.stringValue!.split(separator: "-").map { Int($0) }
    guard (1...2).contains(lines.count), lines.allSatisfy({ ($0 ?? 0) >= 1 }),
      lines.count == 1 || lines[0]! <= lines[1]!
    else {
      throw DomainError("expected a line or range like 120 or 120-124", field: "source.lines")
    }
    if let date = s["document_date"]?.stringValue {
      do { _ = try Day(iso: date) } catch { throw error.inField("source.document_date") }
    }
    return value
  }

  /// An id derived from the content, so importing the same fact twice appends it once.
  public static func derivedID(type: String, stream: String, data: JSON) -> String {
    var hasher = SHA256()
    hasher.update(Array("\(type)\u{0}\(stream)\u{0}\(data.serialized())".utf8))
    return type.replacingOccurrences(of: "_", with: "-") + "-"
      + String(HashChain.hexString(hasher.finalize().bytes).prefix(16))
  }

  /// Parses a whole input as one batch: every line valid, ids unique, references resolvable;
  /// otherwise the first error, with its line, and nothing to append.
  ///
  /// - Parameter knownID: whether an id outside the batch is already in the ledger.
  public static func parseBatch(
    _ text: String, registry: AuthorityRegistry = .shared, knownID: (String) -> Bool = { _ in false }
  ) throws(DomainError) -> [DomainEvent] {
    var events: [DomainEvent] = []
    var lineOf: [String: Int] = [:]
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line.hasPrefix("//") { continue }
      let json: JSON
      do { json = try JSONParser.parse(line) } catch {
        throw DomainError(.malformedInput, (error as? StoreError)?.message ?? "\(error)", line: index + 1)
      }
      let event = try parse(json, line: index + 1, registry: registry)
      if let first = lineOf[event.id] {
        throw DomainError(
          .duplicateID, "id '\(event.id)' is already used on line \(first)", field: "id", line: index + 1)
      }
      lineOf[event.id] = index + 1
      events.append(event)
    }
    for event in events {
      for target in references(event) where lineOf[target] == nil && !knownID(target) {
        throw DomainError(
          .unresolvedReference, "refers to '\(target)', which is neither in this input nor in the ledger",
          field: "data", line: lineOf[event.id])
      }
    }
    return events
  }

  /// The ids an event points at.
  public static func references(_ event: DomainEvent) -> [String] {
    let d = event.data
    return [
      d["target"]?.stringValue, d["preferred"]?.stringValue, d["supersedes"]?.stringValue, d["restates"]?.stringValue,
    ].compactMap { $0 }
      + (d["events"]?.arrayValue?.compactMap(\.stringValue) ?? [])
      + (d["derived_from"]?.arrayValue?.compactMap(\.stringValue) ?? [])
  }
}
