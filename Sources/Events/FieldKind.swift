import EventStore
import Foundation

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
