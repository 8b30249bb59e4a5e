import EventStore
import Foundation

/// An event type of the catalogue: its name, current schema version, fields, valid-time rule
/// and any check that spans fields.
public struct EventTypeSpec: Sendable {
  public var name: String
  public var version: Int
  public var summary: String
  public var fields: [FieldSpec]
  public var valid: ValidRule
  /// Cross-field checks; may normalise the payload (canonical grades, say).
  public var check: @Sendable (inout [String: JSON]) throws(DomainError) -> Void

  public init(
    _ name: String, version: Int = 1, _ summary: String, fields: [FieldSpec], valid: ValidRule,
    check: @escaping @Sendable (inout [String: JSON]) throws(DomainError) -> Void = { _ throws(DomainError) in }
  ) {
    self.name = name
    self.version = version
    self.summary = summary
    self.fields = fields + [FieldSpec("notes", .text, required: false, "free-text remarks")]
    self.valid = valid
    self.check = check
  }
}

extension EventTypeSpec {
  /// Checks and normalises a payload; errors name the field under `data.`.
  public func validate(_ data: JSON) throws(DomainError) -> (data: JSON, valid: ValidTime?) {
    guard case .object(var members) = data else {
      throw DomainError(.malformedInput, "expected an object, not \(data.kindName)", field: "data")
    }
    if let unknown = members.keys.sorted().first(where: { key in !fields.contains { $0.name == key } }) {
      let names = fields.map(\.name).joined(separator: ", ")
      throw DomainError(.unknownField, "unknown field for \(name); expected one of \(names)", field: "data.\(unknown)")
    }
    for field in fields {
      guard let value = members[field.name], value != .null else {
        if field.required {
          throw DomainError(.missingField, "missing; expected \(field.kind.expectation)", field: "data.\(field.name)")
        }
        members[field.name] = nil
        continue
      }
      do { members[field.name] = try FieldChecks.check(value, kind: field.kind) } catch {
        throw error.inField("data.\(field.name)")
      }
    }
    do { try check(&members) } catch { throw error.field == nil ? error : error.inField("data") }
    return (.object(members), try validTime(members))
  }

  private func validTime(_ members: [String: JSON]) throws(DomainError) -> ValidTime? {
    switch valid {
    case .none: return nil
    case .fieldwork:
      guard let start = members["fieldwork_start"]?.stringValue, let end = members["fieldwork_end"]?.stringValue else {
        return nil
      }
      return ValidTime(from: start, to: end)
    case .period(let field):
      guard let text = members[field]?.stringValue else { return nil }
      let interval = try Period(parsing: text).interval
      return ValidTime(from: interval.from.iso, to: interval.to.iso)
    }
  }
}
