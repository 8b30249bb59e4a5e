import EventStore

/// A view rebuilt by folding events in log order.
///
/// The replay engine feeds a projection every event whose type is in `eventTypes` and that
/// passes the query's time filters (valid time by `--as-of`, knowledge time by `--known-at`,
/// record time by `--recorded-before`), in position order, starting from `initialState`.
/// It caches states on disk (checkpoints) keyed by name, version, filters, log position and the
/// hash of the record at that position, and replays only the tail after a checkpoint.
///
/// # Implementation requirements
/// - `apply` is pure and deterministic: no clock, randomness, I/O or global state. The same
///   events in the same order give the same state, always.
/// - An event of a type the projection does not know leaves the state unchanged (the engine
///   filters by `eventTypes`, but `apply` must not trap on anything else it is given).
/// - A payload it cannot interpret (a missing or malformed field) leaves the state unchanged
///   or records the problem in the state; `apply` never traps.
/// - Replaying from a checkpoint then the tail equals replaying everything: the state holds all
///   that later events need (no hidden caches outside `State`).
/// - `State` round-trips through `Codable` exactly (`decode(encode(s)) == s`): checkpoints rely
///   on it.
/// - Bump `version` whenever `apply` or `State` changes meaning; old checkpoints are then
///   ignored and rebuilt.
/// - Time-dependent answers (the grade in force on a date) are functions of the state and the
///   query's dates, computed after replay, not inside `apply`.
///
/// `ProjectionTestKit.checkConformance` checks these requirements on any projection.
public protocol Projection: Sendable {
  associatedtype State: Sendable & Equatable & Codable

  /// A stable name, lower-case with hyphens (`judgement-history`); used in checkpoint names.
  static var name: String { get }
  /// The version of `apply` and `State`; bump it on any change of meaning.
  static var version: Int { get }
  /// One line saying what the view shows, for `journey projections`.
  static var summary: String { get }
  /// The event types `apply` reads; the engine does not decode any other.
  static var eventTypes: Set<String> { get }

  /// The state before any event.
  var initialState: State { get }

  /// Folds one event into the state.
  func apply(_ event: EventEnvelope, to state: inout State)
}

extension Projection {
  /// The name and version, as `judgement-history@1`.
  public static var identifier: String { "\(name)@\(version)" }
}
