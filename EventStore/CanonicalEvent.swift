/// A new event whose `data` and `meta` are already in canonical form: what the store writes,
/// without a `JSON` tree.
///
/// `journey append` builds these straight from its input lines with `CanonicalJSONScanner`;
/// `Ledger.append(_:)` turns each `NewEvent` into one, writing its trees once.
public struct CanonicalEvent: Sendable, Hashable {
  /// A unique id; re-appending the same id with identical content is a no-op.
  public var id: String
  /// The event type, for example `ilacs_inspection`.
  public var type: String
  /// The schema version of `data`, starting at 1.
  public var schemaVersion: Int
  /// The stream the event belongs to.
  public var stream: String
  /// When the fact holds, if it has a time at all.
  public var valid: ValidTime?
  /// The payload object.
  public var data: CanonicalJSON
  /// Metadata: provenance, reported date and the like.
  public var meta: CanonicalJSON

  public init(
    id: String, type: String, schemaVersion: Int = 1, stream: String, valid: ValidTime? = nil,
    data: CanonicalJSON, meta: CanonicalJSON = .emptyObject
  ) {
    self.id = id
    self.type = type
    self.schemaVersion = schemaVersion
    self.stream = stream
    self.valid = valid
    self.data = data
    self.meta = meta
  }

  /// The event `event`, its payload and metadata written once in canonical form.
  public init(_ event: NewEvent) {
    self.init(
      id: event.id, type: event.type, schemaVersion: event.schemaVersion, stream: event.stream, valid: event.valid,
      data: CanonicalJSON(event.data), meta: CanonicalJSON(event.meta))
  }
}
