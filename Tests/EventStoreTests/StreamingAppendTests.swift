import EventStore
import Foundation
import Testing

/// A batch source that fails on a given event of a given pass (1 = check, 2 = write).
final class FailingBatch: EventBatchSource {
  struct Failure: Error {}
  let events: [NewEvent]
  let failPass: Int
  let failAt: Int
  private(set) var pass = 0

  init(_ events: [NewEvent], failPass: Int, failAt: Int) {
    self.events = events
    self.failPass = failPass
    self.failAt = failAt
  }

  func forEachEvent(_ body: (NewEvent) throws -> Void) throws {
    pass += 1
    for (i, event) in events.enumerated() {
      if pass == failPass && i == failAt { throw Failure() }
      try body(event)
    }
  }
}

@Suite("Streaming a batch into the ledger")
struct StreamingAppendTests {
  @Test("a streamed batch writes the same bytes as the same batch in memory")
  func sameBytes() throws {
    let events = (1...2_000).map { sampleEvent($0, payload: String(repeating: "x", count: $0 % 300)) }
    let inMemory = TemporaryDirectory()
    let streamed = TemporaryDirectory()
    let a = try Ledger(at: inMemory.path, create: true, clock: fixedClock).append(events)
    let b = try Ledger(at: streamed.path, create: true, clock: fixedClock).append(streaming: InMemoryBatch(events))
    #expect(a == b)
    let files = segmentFiles(inMemory.path)
    #expect(files.count == 1)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: files[0]))
        == Data(contentsOf: URL(fileURLWithPath: segmentFiles(streamed.path)[0])))
    #expect(try Verifier.verify(at: streamed.path).records == 2_000)
  }

  @Test("stored ids keep their positions and repeats within the batch share one", arguments: [false, true])
  func duplicates(reopen: Bool) throws {
    let dir = TemporaryDirectory()
    var ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append((1...3).map { sampleEvent($0) })
    if reopen { ledger = try Ledger(at: dir.path) }
    let batch = [sampleEvent(2), sampleEvent(4), sampleEvent(4), sampleEvent(5), sampleEvent(2)]
    let result = try ledger.append(streaming: InMemoryBatch(batch))
    #expect(result.positions == [2, 4, 4, 5, 2])
    #expect(result.appended == 2)
    #expect(try Verifier.verify(at: dir.path).records == 5)
  }

  @Test("an id repeated in the batch with other content appends nothing")
  func repeatedIDWithOtherContent() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append([sampleEvent(1)])
    let batch = [sampleEvent(2), sampleEvent(3), sampleEvent(2, payload: "other")]
    let error = #expect(throws: StoreError.self) { try ledger.append(streaming: InMemoryBatch(batch)) }
    #expect(error?.code == .duplicateID)
    #expect(try LedgerReader(at: dir.path).head.position == 1)
  }

  @Test(
    "a source failing in either pass, at the start, in the middle or at the end, appends nothing",
    arguments: [(1, 0), (1, 7_000), (2, 0), (2, 7_000), (2, 11_999)])
  func failingSource(pass: Int, at index: Int) throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append([sampleEvent(0)])
    let events = (1...12_000).map { sampleEvent($0, payload: String(repeating: "y", count: 400)) }
    #expect(throws: FailingBatch.Failure.self) {
      try ledger.append(streaming: FailingBatch(events, failPass: pass, failAt: index))
    }
    #expect(try Verifier.verify(at: dir.path).records == 1)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: segmentFiles(dir.path)[0])).count
        == (try LedgerReader(at: dir.path).committedBytes))
    let retry = try ledger.append(streaming: InMemoryBatch(events))
    #expect(retry.positions == Array(2...12_001))
    #expect(try Verifier.verify(at: dir.path).records == 12_001)
  }

  @Test("an expected-position conflict appends nothing")
  func conflict() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append([sampleEvent(1)])
    let error = #expect(throws: StoreError.self) {
      try ledger.append(streaming: InMemoryBatch([sampleEvent(2)]), expectedPosition: 0)
    }
    #expect(error?.code == .conflict)
    #expect(try ledger.append(streaming: InMemoryBatch([sampleEvent(2)]), expectedPosition: 1).positions == [2])
  }
}
