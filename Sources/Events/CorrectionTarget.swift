import EventStore

/// The event a correction names, as the ledger holds it: what a correction is checked against.
public struct CorrectionTarget: Sendable, Equatable {
  public var id: String
  public var type: String
  /// The authority stream (`la:358`).
  public var stream: String
  /// The payload as recorded.
  public var data: JSON
  /// The date the target was reported, when its metadata states one.
  public var reported: Day?

  public init(id: String, type: String, stream: String, data: JSON, reported: Day?) {
    self.id = id
    self.type = type
    self.stream = stream
    self.data = data
    self.reported = reported
  }
}
