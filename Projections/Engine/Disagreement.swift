/// A recorded disagreement between sources (`sources_disagree`).
public struct Disagreement: Sendable, Equatable, Codable {
  public var id: String
  public var topic: String
  public var events: [String]
  /// The fact a view shows.
  public var preferred: String?
  /// Why that one is shown.
  public var rule: String
  public var reported: String?
}
