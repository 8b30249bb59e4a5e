import EventStore
import Foundation

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
