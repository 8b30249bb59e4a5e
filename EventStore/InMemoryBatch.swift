/// A batch held in memory, as an `EventBatchSource` (for tests and small batches).
public struct InMemoryBatch: EventBatchSource {
  public var events: [NewEvent]

  public init(_ events: [NewEvent]) { self.events = events }

  public func forEachEvent(_ body: (NewEvent) throws -> Void) throws {
    for event in events { try body(event) }
  }
}
