/// The period a fact holds for, as inclusive ISO dates (`YYYY-MM-DD`); a single day has `from == to`.
public struct ValidTime: Sendable, Hashable, Codable {
  public var from: String
  public var to: String

  /// Creates a valid-time interval; the store checks both are ISO dates and `from <= to`.
  public init(from: String, to: String) {
    self.from = from
    self.to = to
  }

  /// A single day.
  public init(day: String) { self.init(from: day, to: day) }
}
