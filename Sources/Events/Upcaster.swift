import EventStore
import Foundation

/// Turns payloads written under older schema versions into the current one, in one place.
///
/// Stored records are never rewritten: the replay engine upcasts on read. Each step turns
/// version n into n + 1; steps chain.
///
/// | type | from → to | change |
/// |---|---|---|
/// | `workforce_figure` | 1 → 2 | `value` was text with the unit implied (`"16.8%"`, `"13.5"`); now a number plus `unit` |
/// | `ilacs_inspection` | 1 → 2 | `start`/`end` renamed `fieldwork_start`/`fieldwork_end` |
public enum Upcaster {
  /// Upcasts `data` of `type` from `version` to the current version.
  ///
  /// - Throws: `DomainError` for a version newer than this code knows, or a v1 payload it cannot read.
  public static func upcast(type: String, version: Int, data: JSON) throws(DomainError) -> (version: Int, data: JSON) {
    guard let spec = try? EventCatalogue.spec(type) else { return (version, data) }  // unknown types pass through
    guard version <= spec.version else {
      throw DomainError(
        .newerSchema, "\(type) schema version \(version) is newer than this journey knows (\(spec.version))",
        hint: "upgrade journey")
    }
    var current = (version: version, data: data)
    while current.version < spec.version {
      current = (current.version + 1, try step(type: type, from: current.version, data: current.data))
    }
    return current
  }

  /// The upcaster in the form the replay engine takes.
  public static let forReplay: @Sendable (String, Int, JSON) throws -> (version: Int, data: JSON) = {
    type, version, data in
    try upcast(type: type, version: version, data: data)
  }

  private static func step(type: String, from version: Int, data: JSON) throws(DomainError) -> JSON {
    guard case .object(var d) = data else { return data }
    switch (type, version) {
    case ("workforce_figure", 1):
      guard let text = d["value"]?.stringValue else { return data }
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard let number = Double(trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed) else {
        throw DomainError("version 1 value '\(text)' is not a number", field: "data.value")
      }
      d["value"] = .number(number)
      if d["unit"] == nil {
        d["unit"] = .string(
          trimmed.hasSuffix("%") || (d["measure"]?.stringValue ?? "").hasSuffix("_rate") ? "percent" : "count")
      }
    case ("ilacs_inspection", 1):
      if let start = d.removeValue(forKey: "start") { d["fieldwork_start"] = start }
      if let end = d.removeValue(forKey: "end") { d["fieldwork_end"] = end }
    default: break
    }
    return .object(d)
  }
}
