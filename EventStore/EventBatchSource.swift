/// A batch of new events that can be read more than once, for `Ledger.append(streaming:)`.
public protocol EventBatchSource: CanonicalEventSource {
  /// Calls `body` with each event of the batch, in order; errors of `body` or of reading stop it.
  func forEachEvent(_ body: (NewEvent) throws -> Void) throws
}

extension EventBatchSource {
  /// Each event of `forEachEvent`, its trees written once in canonical form.
  public func forEachCanonicalEvent(_ body: (CanonicalEvent) throws -> Void) throws {
    try forEachEvent { try body(CanonicalEvent($0)) }
  }
}
