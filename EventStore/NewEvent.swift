/// An event the caller asks the store to append; the store adds position, time and hash.
public struct NewEvent: Sendable, Hashable {
  /// A unique id; re-appending the same id with identical content is a no-op.
  public var id: String
  /// The event type, for example `ilacs_inspection`.
  public var type: String
  /// The schema version of `data`, starting at 1.
  public var schemaVersion: Int
  /// The stream the event belongs to (for the domain: an authority, `la:358`).
  public var stream: String
  /// When the fact holds, if it has a time at all.
  public var valid: ValidTime?
  /// The payload object.
  public var data: JSON
  /// Metadata: provenance, reported date and the like.
  public var meta: JSON

  public init(
    id: String, type: String, schemaVersion: Int = 1, stream: String, valid: ValidTime? = nil,
    data: JSON = [:], meta: JSON = [:]
  ) {
    self.id = id
    self.type = type
    self.schemaVersion = schemaVersion
    self.stream = stream
    self.valid = valid
    self.data = data
    self.meta = meta
  }
}
