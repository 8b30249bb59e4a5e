/// A batch of new events, already canonical, that can be read more than once, for
/// `Ledger.append(streaming:)`.
///
/// The ledger reads it twice (check and count, then write) and needs the same events in the same
/// order both times; it never holds the whole batch. A spooled input file is the usual source.
public protocol CanonicalEventSource {
  /// Calls `body` with each event of the batch, in order; errors of `body` or of reading stop it.
  func forEachCanonicalEvent(_ body: (CanonicalEvent) throws -> Void) throws

  /// Calls `body` with each event's id, in order, once the event has passed the store's own
  /// checks, and a way to read the whole event (the ledger reads it only for an id that may be
  /// stored already): the first pass of a streaming append.
  ///
  /// - Throws: `StoreError` with code `.invalidInput` for an event the store refuses; errors of
  ///   `body` or of reading.
  func forEachCheckedID(_ body: (String, () throws -> CanonicalEvent) throws -> Void) throws
}

extension CanonicalEventSource {
  /// Each event of `forEachCanonicalEvent`, checked, with its id.
  public func forEachCheckedID(_ body: (String, () throws -> CanonicalEvent) throws -> Void) throws {
    var index = 0
    try forEachCanonicalEvent { event in
      try RecordEncoder.check(event, index: index)
      index += 1
      try body(event.id, { event })
    }
  }
}
