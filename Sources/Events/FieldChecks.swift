import EventStore
import Foundation

/// Checks of single values by kind.
enum FieldChecks {
  static func check(_ value: JSON, kind: FieldKind) throws(DomainError) -> JSON {
    func fail(_ got: String? = nil) -> DomainError {
      DomainError(
        "expected \(kind.expectation)"
          + (got.map { ", got \($0)" } ?? ", got \(value.kindName) \(value.serialized().prefix(60))"))
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
      guard let code = value["code"]?.stringValue, !code.isEmpty, let reason = value["reason"]?.stringValue,
        !reason.isEmpty,
        value.objectValue?.count == 2
      else { throw fail() }
      return value
    }
  }
}
