import EventStore
import Foundation

/// A validated domain event, ready to append.
public struct DomainEvent: Sendable, Equatable {
  public var id: String
  public var type: String
  public var authority: Authority
  /// The date of the source that made the fact known.
  public var reported: Day
  /// Provenance: file, lines, quote, document date, kind.
  public var source: JSON?
  /// The payload, checked and normalised.
  public var data: JSON
  public var valid: ValidTime?

  /// The event as the store appends it.
  public var newEvent: NewEvent {
    var meta: [String: JSON] = ["reported": .string(reported.iso), "authority": .string(authority.name)]
    if let source { meta["source"] = source }
    let version = (try? EventCatalogue.spec(type).version) ?? 1
    return NewEvent(
      id: id, type: type, schemaVersion: version, stream: authority.stream, valid: valid, data: data,
      meta: .object(meta))
  }
}
