import Foundation
import Testing

@testable import EventStore

@Suite("The stream index: stream-filtered reads through index/streams.bin")
struct StreamIndexTests {
  /// The streams the random ledgers use: one with a JSON escape, one sharing a prefix.
  static let streams = ["la-trafford", "la-bury", "england", "region-nw", "la-bury-2", #"quo"te"#]

  /// A ledger of `batches` random batches over `streams`, in small segments; half the batches
  /// streamed, half in memory.
  static func randomLedger(_ path: String, seed: UInt64, batches: Int = 12) throws {
    var random = SeededGenerator(seed: seed)
    let ledger = try Ledger(at: path, create: true, segmentBytes: 8_192, clock: fixedClock)
    var n = 0
    for b in 0..<batches {
      let events = (0..<Int.random(in: 1...30, using: &random)).map { _ in
        n += 1
        return sampleEvent(
          n, stream: streams.randomElement(using: &random)!, type: ["note", "fact"].randomElement(using: &random)!)
      }
      _ = b % 2 == 0 ? try ledger.append(events) : try ledger.append(streaming: InMemoryBatch(events))
    }
  }

  /// The positions a read returns, through the stream index or not.
  static func positions(_ path: String, _ filter: ReadFilter, indexed: Bool) throws -> [Int] {
    var reader = try LedgerReader(at: path)
    reader.usesStreamIndex = indexed
    return try reader.records(filter).map(\.position)
  }

  /// Random filters over `1...head`, with one to three streams and sometimes a type.
  static func randomFilters(head: Int, seed: UInt64) -> [ReadFilter] {
    var random = SeededGenerator(seed: seed)
    return (0..<20).map { _ in
      let from = Int.random(in: 1...head, using: &random)
      let through = Bool.random(using: &random) ? nil : Int.random(in: from...head, using: &random)
      let chosen = (0..<Int.random(in: 1...3, using: &random)).map { _ in
        StreamIndexTests.streams.randomElement(using: &random)!
      }
      let types: Set<String>? = Bool.random(using: &random) ? nil : ["fact"]
      return ReadFilter(from: from, through: through, streams: Set(chosen), types: types)
    }
  }

  static func indexSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path + "/index/streams.bin"))?[.size] as? Int) ?? -1
  }

  @Test("a stream-filtered read equals the filtered full read on random ledgers", arguments: 1...6)
  func equalsFullRead(seed: Int) throws {
    let dir = TemporaryDirectory()
    try StreamIndexTests.randomLedger(dir.path, seed: UInt64(seed))
    let head = try LedgerReader(at: dir.path).head.position
    #expect(StreamIndexTests.indexSize(dir.path) == 24 * head)
    #expect(segmentFiles(dir.path).count > 3)
    for filter in StreamIndexTests.randomFilters(head: head, seed: UInt64(seed) + 100) {
      let indexed = try StreamIndexTests.positions(dir.path, filter, indexed: true)
      #expect(try indexed == StreamIndexTests.positions(dir.path, filter, indexed: false), "\(filter)")
    }
  }

  @Test("a stream-filtered read touches only that stream's records")
  func touchesOnlyItsStream() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true, clock: fixedClock)
    _ = try ledger.append((1...30).map { sampleEvent($0, stream: $0 % 3 == 0 ? "wanted" : "other") })
    try damageLayout(dir.path, position: 4)  // stream "other", between two more of "other"
    let filter = ReadFilter(streams: ["wanted"])
    #expect(
      try StreamIndexTests.positions(dir.path, filter, indexed: true) == Array(stride(from: 3, through: 30, by: 3)))
    #expect(throws: StoreError.self) { try StreamIndexTests.positions(dir.path, filter, indexed: false) }
  }

  @Test("a record read through the index is checked against the stored hash before it")
  func predecessorHashChecked() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true, clock: fixedClock)
    _ = try ledger.append((1...30).map { sampleEvent($0, stream: $0 % 3 == 0 ? "wanted" : "other") })
    let file = segmentFiles(dir.path)[0]
    var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    let endOfFifth = lines[0..<5].reduce(0) { $0 + $1.count + 1 } - 1  // record 5 precedes record 6
    bytes[endOfFifth - 3] = bytes[endOfFifth - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    try bytes.write(to: URL(fileURLWithPath: file))
    let error = #expect(throws: StoreError.self) {
      try StreamIndexTests.positions(dir.path, ReadFilter(streams: ["wanted"]), indexed: true)
    }
    #expect(error?.message.contains("position 6") == true)
  }

  @Test("a missing index is read around and rebuilt by the next append")
  func missingIndexRebuilt() throws {
    let dir = TemporaryDirectory()
    try StreamIndexTests.randomLedger(dir.path, seed: 7)
    let built = try Data(contentsOf: URL(fileURLWithPath: dir.sub("index/streams.bin")))
    try FileManager.default.removeItem(atPath: dir.sub("index/streams.bin"))
    let filter = ReadFilter(streams: ["la-bury"])
    let expected = try StreamIndexTests.positions(dir.path, filter, indexed: false)
    #expect(try StreamIndexTests.positions(dir.path, filter, indexed: true) == expected)
    _ = try Ledger(at: dir.path).append([sampleEvent(10_000)])
    let rebuilt = try Data(contentsOf: URL(fileURLWithPath: dir.sub("index/streams.bin")))
    #expect(rebuilt.count == built.count + 24 && rebuilt.prefix(built.count) == built)
  }

  @Test("a damaged entry ends the usable index: reads take the log from there, and the next writer rebuilds it")
  func damagedEntry() throws {
    let dir = TemporaryDirectory()
    try StreamIndexTests.randomLedger(dir.path, seed: 8)
    let path = dir.sub("index/streams.bin")
    let built = try Data(contentsOf: URL(fileURLWithPath: path))
    var damaged = built
    damaged[24 * 40 + 3] ^= 0x20  // the stream hash of position 41
    try damaged.write(to: URL(fileURLWithPath: path))
    for stream in StreamIndexTests.streams {
      let filter = ReadFilter(streams: [stream])
      #expect(
        try StreamIndexTests.positions(dir.path, filter, indexed: true)
          == StreamIndexTests.positions(dir.path, filter, indexed: false))
    }
    _ = try Ledger(at: dir.path).append([sampleEvent(10_000)])
    let rebuilt = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(rebuilt.count == built.count + 24 && rebuilt.prefix(built.count) == built)
  }

  @Test("an index from another log is not trusted")
  func staleIndex() throws {
    let a = TemporaryDirectory()
    let b = TemporaryDirectory()
    // Same record sizes and offsets, streams swapped.
    _ = try Ledger(at: a.path, create: true, clock: fixedClock).append(
      (1...40).map { sampleEvent($0, stream: $0 % 2 == 0 ? "aa" : "bb") })
    _ = try Ledger(at: b.path, create: true, clock: fixedClock).append(
      (1...40).map { sampleEvent($0, stream: $0 % 2 == 0 ? "bb" : "aa") })
    try FileManager.default.removeItem(atPath: b.sub("index/streams.bin"))
    try FileManager.default.copyItem(atPath: a.sub("index/streams.bin"), toPath: b.sub("index/streams.bin"))
    for through in [40, 39] {
      let filter = ReadFilter(through: through, streams: ["aa"])
      #expect(try StreamIndexTests.positions(b.path, filter, indexed: true) == Array(stride(from: 1, to: 40, by: 2)))
    }
    _ = try Ledger(at: b.path).append([sampleEvent(1, stream: "aa")])
    #expect(StreamIndexTests.indexSize(b.path) == 24 * 40)
    #expect(try StreamIndexTests.positions(b.path, ReadFilter(streams: ["bb"]), indexed: true).count == 20)
  }

  @Test("the index file is read the same in chunks of any size, and stops at a damaged entry")
  func chunks() throws {
    let dir = TemporaryDirectory()
    try StreamIndexTests.randomLedger(dir.path, seed: 9)
    let path = dir.sub("index/streams.bin")
    let head = try LedgerReader(at: dir.path).head.position
    func entries(from: Int, chunk: Int) throws -> [String] {
      var seen: [String] = []
      try StreamIndex.scan(FileHandleFD(path: path, flags: O_RDONLY), from: from, through: head, chunkEntries: chunk) {
        seen.append("\($0) \($1.map { "\($0.stream) \($0.offset)" } ?? "damaged")")
        return $1 != nil
      }
      return seen
    }
    let whole = try entries(from: 1, chunk: 1 << 16)
    #expect(whole.count == head && !whole.contains { $0.hasSuffix("damaged") })
    for (from, chunk) in [(1, 7), (5, 7), (50, 1), (head, 3)] {
      #expect(try entries(from: from, chunk: chunk) == Array(whole[(from - 1)...]))
    }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[24 * 20 + 9] ^= 0x01  // the offset of position 21
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(try entries(from: 3, chunk: 7) == Array(whole[2..<20]) + ["21 damaged"])
  }

  /// Breaks the layout of `position`'s record without moving any other record.
  private func damageLayout(_ path: String, position: Int) throws {
    let file = segmentFiles(path)[0]
    var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    let needle = Data(#"{"pos":\#(position),"#.utf8)
    let range = try #require(bytes.range(of: needle))
    bytes[range.lowerBound + 2] = UInt8(ascii: "q")
    try bytes.write(to: URL(fileURLWithPath: file))
  }
}
