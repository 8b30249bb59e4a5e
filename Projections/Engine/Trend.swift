import EventStore

/// How the latest value of a series moved from the one before.
public struct Trend: Sendable, Equatable, Codable {
  public var series: String
  public var latest: MeasurePoint
  public var previous: MeasurePoint?
  public var change: Double?
  /// `better`, `worse`, `unchanged`, `changed` (a measure with no direction, see
  /// `MeasureDirection`) or `single point`.
  public var direction: String
}
