import EventStore
import Foundation
import Testing

@Suite("Appending and reading")
struct LedgerTests {
  @Test("positions are gapless from 1 and records read back as appended")
  func appendAndRead() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true, clock: fixedClock)
    let first = try ledger.append((1...3).map { sampleEvent($0) })
    let second = try ledger.append([sampleEvent(4)])
    #expect(first.positions == [1, 2, 3])
    #expect(second.positions == [4])
    let records = try LedgerReader(at: dir.path).records()
    #expect(records.map(\.position) == [1, 2, 3, 4])
    #expect(records.map(\.batchEnd) == [3, 3, 3, 4])
    #expect(records[1].id == "e2")
    #expect(try records[1].data() == ["n": 2, "text": "event number 2"])
    #expect(records[1].valid == ValidTime(day: "2024-01-03"))
    #expect(records[0].recorded == "2026-09-21T14:13:20.000Z")
  }

  @Test("the head is the last committed record and matches what verify reports")
  func head() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    #expect(try ledger.head().position == 0)
    _ = try ledger.append((1...10).map { sampleEvent($0) })
    let head = try LedgerReader(at: dir.path).head
    let report = try Verifier.verify(at: dir.path)
    #expect(head.position == 10)
    #expect(head.hash == report.headHash)
  }

  @Test("an expected-position conflict says expected and actual and appends nothing")
  func conflict() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append([sampleEvent(1), sampleEvent(2)])
    let error = #expect(throws: StoreError.self) { try ledger.append([sampleEvent(3)], expectedPosition: 1) }
    #expect(error?.code == .conflict)
    #expect(error?.message == "expected position 1, but the log is at position 2")
    #expect(try LedgerReader(at: dir.path).head.position == 2)
    #expect(try ledger.append([sampleEvent(3)], expectedPosition: 2).positions == [3])
  }

  @Test("re-appending an id with identical content appends nothing and returns the original position")
  func idempotent() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append((1...5).map { sampleEvent($0) })
    let again = try ledger.append([sampleEvent(3), sampleEvent(6), sampleEvent(1)])
    #expect(again.positions == [3, 6, 1])
    #expect(again.appended == 1)
    let reopened = try Ledger(at: dir.path)
    let third = try reopened.append([sampleEvent(2)], expectedPosition: 0)
    #expect(third.positions == [2])
    #expect(third.appended == 0)
    #expect(try LedgerReader(at: dir.path).head.position == 6)
  }

  @Test("the same id with other content is rejected, in the log or within one batch")
  func duplicateWithOtherContent() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append([sampleEvent(1)])
    let stored = #expect(throws: StoreError.self) {
      try ledger.append([sampleEvent(2), sampleEvent(1, payload: "changed")])
    }
    #expect(stored?.code == .duplicateID)
    #expect(stored?.message == "event id 'e1' is already stored at position 1 with different content")
    let inBatch = #expect(throws: StoreError.self) {
      try ledger.append([sampleEvent(7), sampleEvent(7, payload: "x")])
    }
    #expect(inBatch?.code == .duplicateID)
    #expect(try LedgerReader(at: dir.path).head.position == 1)
  }

  @Test("the id index survives deletion and damage: it is rebuilt from the log")
  func indexRebuilt() throws {
    let dir = TemporaryDirectory()
    _ = try Ledger(at: dir.path, create: true).append((1...50).map { sampleEvent($0) })
    let index = dir.path + "/index/positions.bin"
    try Data(repeating: 0xAB, count: 16 * 50).write(to: URL(fileURLWithPath: index))
    #expect(try Ledger(at: dir.path).append([sampleEvent(17)]).positions == [17])
    try FileManager.default.removeItem(atPath: index)
    #expect(try Ledger(at: dir.path).append([sampleEvent(33), sampleEvent(51)]).positions == [33, 51])
    #expect(try Verifier.verify(at: dir.path).records == 51)
  }

  @Test("segments rotate at batch boundaries and reading spans them")
  func rotation() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true, segmentBytes: 2048)
    for n in stride(from: 1, through: 100, by: 4) { _ = try ledger.append((n..<(n + 4)).map { sampleEvent($0) }) }
    let files = segmentFiles(dir.path)
    #expect(files.count > 5)
    #expect(try LedgerReader(at: dir.path).records().map(\.position) == Array(1...100))
    #expect(
      try LedgerReader(at: dir.path).records(ReadFilter(from: 57, through: 60)).map(\.position) == [57, 58, 59, 60])
    #expect(try Verifier.verify(at: dir.path).segments == files.count)
    #expect(try Ledger(at: dir.path).append([sampleEvent(3)]).positions == [3])
  }

  @Test("filters by stream and type skip other records")
  func filters() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    _ = try ledger.append([
      sampleEvent(1, stream: "a"), sampleEvent(2, stream: "b", type: "other"),
      sampleEvent(3, stream: "a", type: "other"),
    ])
    let reader = try LedgerReader(at: dir.path)
    #expect(try reader.records(ReadFilter(streams: ["a"])).map(\.position) == [1, 3])
    #expect(try reader.records(ReadFilter(types: ["other"])).map(\.position) == [2, 3])
    #expect(try reader.records(ReadFilter(streams: ["a"], types: ["other"])).map(\.position) == [3])
  }

  @Test("a newer format version is refused with a clear message")
  func newerFormat() throws {
    let dir = TemporaryDirectory()
    _ = try Ledger(at: dir.path, create: true)
    try #"{"format":"journeyledger","segment_bytes":67108864,"version":2}"#.write(
      toFile: dir.path + "/ledger.json", atomically: true, encoding: .utf8)
    let error = #expect(throws: StoreError.self) { try LedgerReader(at: dir.path) }
    #expect(error?.code == .unsupportedFormat)
    #expect(error?.message == "\(dir.path) uses ledger format version 2; this journey reads versions up to 1")
  }

  @Test("bad events are refused before anything is written")
  func invalidEvents() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    var bad = sampleEvent(2)
    bad.valid = ValidTime(from: "2024-02-01", to: "2024-01-01")
    let error = #expect(throws: StoreError.self) { try ledger.append([sampleEvent(1), bad]) }
    #expect(error?.message == "event 2 (id 'e2'): valid time ends (2024-01-01) before it starts (2024-02-01)")
    #expect(try LedgerReader(at: dir.path).head.position == 0)
  }

  @Test("strings with quotes, backslashes, control characters and non-ASCII round-trip")
  func escaping() throws {
    let dir = TemporaryDirectory()
    let text = "quote \" backslash \\ newline \n tab \t nul \u{0} rtl \u{202E} emoji 🙂 <script>"
    let event = NewEvent(
      id: "id \"x\"\n", type: "t", stream: "s\\", data: ["text": .string(text)], meta: ["k": .string(text)])
    _ = try Ledger(at: dir.path, create: true).append([event])
    let record = try #require(try LedgerReader(at: dir.path).records().first)
    #expect(record.id == "id \"x\"\n")
    #expect(record.stream == "s\\")
    #expect(try record.data()["text"] == .string(text))
    #expect(try Verifier.verify(at: dir.path).records == 1)
  }
}

@Test(
  "segment stamps: unchanged files hold, the last may grow, anything else does not",
  arguments: [
    ([("1", 100, 5)], [("1", 100, 5)], true),
    ([("1", 100, 5)], [("1", 180, 9)], true),
    ([("1", 100, 5)], [("1", 100, 9)], false),
    ([("1", 100, 5)], [("1", 90, 9)], false),
    ([("1", 100, 5)], [("1", 100, 5), ("2", 40, 7)], true),
    ([("1", 100, 5), ("2", 40, 7)], [("1", 100, 6), ("2", 40, 7)], false),
    ([("1", 100, 5), ("2", 40, 7)], [("1", 120, 8), ("2", 40, 7)], false),
    ([("1", 100, 5), ("2", 40, 7)], [("2", 40, 7)], false),
    ([("1", 100, 5)], [("9", 100, 5)], false),
  ] as [([(String, Int, Int)], [(String, Int, Int)], Bool)])
func segmentStamps(_ c: ([(String, Int, Int)], [(String, Int, Int)], Bool)) {
  let stamps = { (list: [(String, Int, Int)]) in list.map { SegmentStamp(name: $0.0, bytes: $0.1, modified: $0.2) } }
  #expect(SegmentStamp.stillHold(stamps(c.0), now: stamps(c.1)) == c.2)
}
