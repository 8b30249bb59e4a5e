import Foundation
import EventStore

/// What a payload field holds, and how it is checked and normalised.
public enum FieldKind: Sendable {
  /// A non-empty string.
  case text
  /// An ISO date `YYYY-MM-DD`.
  case date
  /// Any period text (see `Period`); normalised to its canonical form.
  case period
  case integer(ClosedRange<Int>)
  case number
  case boolean
  /// One of these strings, exactly.
  case choice([String])
  /// An array of non-empty strings.
  case texts
  /// The id of another event.
  case eventID
  /// At least `min` distinct event ids.
  case eventIDs(min: Int)
  /// A map from judgement area to grade (checked against the framework by the type's rule).
  case judgements
  /// A JSON object, checked by the type's rule.
  case object
  /// `{"code": "c", "reason": "…"}`: why a value is missing.
  case notAvailable

  /// What the field expects, in words for error messages and docs.
  public var expectation: String {
    switch self {
    case .text: "a non-empty string"
    case .date: "a date YYYY-MM-DD"
    case .period: "a period (2021-10-04, 2021-10, 2021-22 Q3, 2021-22, 2023/24, as at 2023-09-30, FROM..TO)"
    case .integer(let r): "a whole number from \(r.lowerBound) to \(r.upperBound)"
    case .number: "a number"
    case .boolean: "true or false"
    case .choice(let options): "one of " + options.joined(separator: ", ")
    case .texts: "an array of non-empty strings"
    case .eventID: "an event id"
    case .eventIDs(let min): "an array of at least \(min) distinct event ids"
    case .judgements: "an object of judgement area → grade"
    case .object: "an object"
    case .notAvailable: #"an object {"code": …, "reason": …}"#
    }
  }
}

/// One field of an event type's payload.
public struct FieldSpec: Sendable {
  public var name: String
  public var kind: FieldKind
  public var required: Bool
  public var doc: String

  public init(_ name: String, _ kind: FieldKind, required: Bool = true, _ doc: String = "") {
    self.name = name
    self.kind = kind
    self.required = required
    self.doc = doc
  }
}

/// How an event type's valid time comes from its payload.
public enum ValidRule: Sendable {
  /// `fieldwork_start` … `fieldwork_end`.
  case fieldwork
  /// The interval of the period in this field.
  case period(String)
  /// No valid time (corrections, retractions, disagreements).
  case none

  public var documentation: String {
    switch self {
    case .fieldwork: "fieldwork_start … fieldwork_end"
    case .period(let field): "the interval of `\(field)`"
    case .none: "none"
    }
  }
}

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
    guard case .object(var members) = data else { throw DomainError("expected an object, not \(data.kindName)", field: "data") }
    if let unknown = members.keys.sorted().first(where: { key in !fields.contains { $0.name == key } }) {
      let names = fields.map(\.name).joined(separator: ", ")
      throw DomainError("unknown field for \(name); expected one of \(names)", field: "data.\(unknown)")
    }
    for field in fields {
      guard let value = members[field.name], value != .null else {
        if field.required { throw DomainError("missing; expected \(field.kind.expectation)", field: "data.\(field.name)") }
        members[field.name] = nil
        continue
      }
      do { members[field.name] = try FieldChecks.check(value, kind: field.kind) } catch { throw error.inField("data.\(field.name)") }
    }
    do { try check(&members) } catch { throw error.field == nil ? error : error.inField("data") }
    return (.object(members), try validTime(members))
  }

  private func validTime(_ members: [String: JSON]) throws(DomainError) -> ValidTime? {
    switch valid {
    case .none: return nil
    case .fieldwork:
      guard let start = members["fieldwork_start"]?.stringValue, let end = members["fieldwork_end"]?.stringValue else { return nil }
      return ValidTime(from: start, to: end)
    case .period(let field):
      guard let text = members[field]?.stringValue else { return nil }
      let interval = try Period(parsing: text).interval
      return ValidTime(from: interval.from.iso, to: interval.to.iso)
    }
  }
}

/// Checks of single values by kind.
enum FieldChecks {
  static func check(_ value: JSON, kind: FieldKind) throws(DomainError) -> JSON {
    func fail(_ got: String? = nil) -> DomainError {
      DomainError("expected \(kind.expectation)" + (got.map { ", got \($0)" } ?? ", got \(value.kindName) \(value.serialized().prefix(60))"))
    }
    switch kind {
    case .text, .eventID:
      guard let s = value.stringValue, !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail() }
      guard s.utf8.count <= 20_000 else { throw DomainError("text longer than 20,000 bytes") }
      return value
    case .date:
      guard let s = value.stringValue else { throw fail() }
      return .string(try Day(iso: s).iso)
    case .period:
      guard let s = value.stringValue else { throw fail() }
      return .string(try Period(parsing: s).description)
    case .integer(let range):
      guard let n = value.intValue, range.contains(n) else { throw fail() }
      return value
    case .number:
      guard let n = value.numberValue, abs(n) < 1e12 else { throw fail() }
      return value
    case .boolean:
      guard value.boolValue != nil else { throw fail() }
      return value
    case .choice(let options):
      guard let s = value.stringValue, options.contains(s) else { throw fail(value.stringValue.map { "'\($0)'" }) }
      return value
    case .texts:
      guard let items = value.arrayValue, items.allSatisfy({ !($0.stringValue ?? "").isEmpty }) else { throw fail() }
      return value
    case .eventIDs(let min):
      guard let items = value.arrayValue?.compactMap(\.stringValue), items.count == value.arrayValue?.count,
        Set(items).count == items.count, items.count >= min
      else { throw fail() }
      return value
    case .judgements, .object:
      guard case .object = value else { throw fail() }
      return value
    case .notAvailable:
      guard let code = value["code"]?.stringValue, !code.isEmpty, let reason = value["reason"]?.stringValue, !reason.isEmpty,
        value.objectValue?.count == 2
      else { throw fail() }
      return value
    }
  }
}
