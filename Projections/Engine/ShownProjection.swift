import EventStore

/// A projection the tools can list, replay and show with no code of their own.
///
/// `journey projections` lists every projection in `ProjectionRegistry.all`, `journey view NAME
/// --authority A` replays one under the query's time filters and prints `rows` as a table, CSV or
/// JSON, and the benchmark replays them all. A projection needs nothing else to reach users: a
/// command of its own (such as `journey rereferrals`) is optional.
public protocol ShownProjection: Projection {
  /// A projection with its defaults; the registry builds one for each replay.
  init()

  /// The headings of the rows `rows` returns, also the keys of each row in JSON.
  static var columns: [String] { get }

  /// The view of `stream` on `date` (the query's as-of date), one row of cells per line; a cell
  /// is a string, a number or null, so that JSON keeps numbers as numbers.
  func rows(_ state: State, stream: String, on date: String) -> [[JSON]]
}

extension ShownProjection {
  /// A runner that replays a new instance of this projection, for replaying several at once.
  public static func makeRunner() -> any AnyProjectionRunner { ProjectionRunner(Self()) }
}
