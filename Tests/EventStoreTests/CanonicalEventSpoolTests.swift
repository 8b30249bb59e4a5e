import EventStore
import Foundation
import Testing

@Suite("The spool of canonical events")
struct CanonicalEventSpoolTests {
  /// Events with and without a valid time, non-ASCII text, empty and large payloads.
  private func variedEvents() -> [CanonicalEvent] {
    var events = (1...3_000).map { CanonicalEvent(sampleEvent($0, payload: String(repeating: "z", count: $0 % 900))) }
    events.append(
      CanonicalEvent(
        id: "unicode-é-☃", type: "note", schemaVersion: 7, stream: "ström", valid: nil,
        data: CanonicalJSON(["text": "naïve \u{1F600}", "list": [1, 2.5, "x", nil, true]]),
        meta: .emptyObject))
    events.append(
      CanonicalEvent(
        id: "large", type: "note", stream: "s", valid: ValidTime(from: "2020-01-01", to: "2020-12-31"),
        data: CanonicalJSON(["blob": .string(String(repeating: "q", count: 3 << 20))])))
    events.append(CanonicalEvent(sampleEvent(9_999)))
    return events
  }

  private func contents(_ spool: CanonicalEventSpool) throws -> [CanonicalEvent] {
    var read: [CanonicalEvent] = []
    try spool.forEachCanonicalEvent { read.append($0) }
    return read
  }

  @Test("events come back identical and in order, as often as they are read")
  func roundTrip() throws {
    let dir = TemporaryDirectory()
    let spool = try CanonicalEventSpool(directory: dir.path)
    let events = variedEvents()
    for event in events { try spool.append(event) }
    #expect(spool.count == events.count)
    #expect(try contents(spool) == events)
    #expect(try contents(spool) == events)
  }

  @Test("events added after a read follow the earlier ones")
  func appendAfterRead() throws {
    let spool = try CanonicalEventSpool()
    try spool.append(CanonicalEvent(sampleEvent(1)))
    #expect(try contents(spool).map(\.id) == ["e1"])
    try spool.append(CanonicalEvent(sampleEvent(2)))
    #expect(try contents(spool).map(\.id) == ["e1", "e2"])
  }

  @Test("an empty spool has no events, and its file is not left in the directory")
  func emptyAndUnlinked() throws {
    let dir = TemporaryDirectory()
    let spool = try CanonicalEventSpool(directory: dir.path)
    #expect(spool.count == 0)
    #expect(try contents(spool).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test("a directory that cannot hold the spool is an I/O error")
  func missingDirectory() throws {
    let error = #expect(throws: StoreError.self) { try CanonicalEventSpool(directory: "/nonexistent/journey") }
    #expect(error?.code == .io)
  }

  @Test("a ledger appending from a spool writes the same bytes as from memory")
  func sameBytesAsInMemory() throws {
    let events = variedEvents()
    let inMemory = TemporaryDirectory()
    let spooled = TemporaryDirectory()
    let spool = try CanonicalEventSpool(directory: spooled.path)
    for event in events { try spool.append(event) }
    let a = try Ledger(at: inMemory.path, create: true, clock: fixedClock).append(canonical: events)
    let b = try Ledger(at: spooled.sub("ledger"), create: true, clock: fixedClock).append(streaming: spool)
    #expect(a == b)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: segmentFiles(inMemory.path)[0]))
        == Data(contentsOf: URL(fileURLWithPath: segmentFiles(spooled.sub("ledger"))[0])))
  }

  @Test("ids already stored keep their positions when appended from a spool, and other content is refused")
  func storedIDs() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.sub("ledger"), create: true)
    _ = try ledger.append((1...3).map { sampleEvent($0) })
    let spool = try CanonicalEventSpool(directory: dir.path)
    for n in [2, 4, 4, 3, 5] { try spool.append(CanonicalEvent(sampleEvent(n))) }
    let result = try ledger.append(streaming: spool)
    #expect(result.positions == [2, 4, 4, 3, 5])
    #expect(result.appended == 2)
    let changed = try CanonicalEventSpool(directory: dir.path)
    try changed.append(CanonicalEvent(sampleEvent(6)))
    try changed.append(CanonicalEvent(sampleEvent(1, payload: "other")))
    let error = #expect(throws: StoreError.self) { try ledger.append(streaming: changed) }
    #expect(error?.code == .duplicateID)
    #expect(try LedgerReader(at: dir.sub("ledger")).head.position == 5)
  }

  @Test("an event the store refuses is refused when it is spooled, by its number, and not kept")
  func refusedWhenSpooled() throws {
    let spool = try CanonicalEventSpool()
    try spool.append(CanonicalEvent(sampleEvent(1)))
    let bad = CanonicalEvent(
      id: "bad", type: "note", stream: "s", valid: ValidTime(from: "2024-02-01", to: "2024-01-01"), data: .emptyObject)
    let error = #expect(throws: StoreError.self) { try spool.append(bad) }
    #expect(error?.code == .invalidInput)
    #expect(error?.message == "event 2 (id 'bad'): valid time ends (2024-01-01) before it starts (2024-02-01)")
    #expect(spool.count == 1)
    #expect(try contents(spool).map(\.id) == ["e1"])
  }
}
