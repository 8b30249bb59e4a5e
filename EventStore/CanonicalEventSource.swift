/// A batch of new events, already canonical, that can be read more than once, for
/// `Ledger.append(streaming:)`.
///
/// The ledger reads it twice (check and count, then write) and needs the same events in the same
/// order both times; it never holds the whole batch. A spooled input file is the usual source.
public protocol CanonicalEventSource {
  /// Calls `body` with each event of the batch, in order; errors of `body` or of reading stop it.
  func forEachCanonicalEvent(_ body: (CanonicalEvent) throws -> Void) throws
}
