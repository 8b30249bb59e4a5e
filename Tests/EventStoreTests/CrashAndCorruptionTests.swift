import EventStore
import Foundation
import Testing

@Suite("Crash recovery and corruption detection")
struct CrashAndCorruptionTests {
  /// Builds a ledger of `batches` batches of `size` events each and returns its single segment.
  private func build(_ dir: TemporaryDirectory, batches: Int, size: Int) throws -> String {
    let ledger = try Ledger(at: dir.path, create: true, clock: fixedClock)
    for b in 0..<batches { _ = try ledger.append((0..<size).map { sampleEvent(b * size + $0 + 1) }) }
    return segmentFiles(dir.path)[0]
  }

  @Test("truncating the last batch at every offset recovers to the previous batch boundary")
  func truncateEveryOffset() throws {
    let dir = TemporaryDirectory()
    let segment = try build(dir, batches: 3, size: 3)
    let full = try Data(contentsOf: URL(fileURLWithPath: segment))
    let lines = full.split(separator: 0x0A, omittingEmptySubsequences: false)
    let lastBatchBytes = lines.suffix(4).dropLast().reduce(0) { $0 + $1.count + 1 }
    let boundary = full.count - lastBatchBytes
    for cut in boundary..<full.count {
      try full.prefix(cut).write(to: URL(fileURLWithPath: segment))
      let ledger = try Ledger(at: dir.path)
      #expect(ledger.recoveries.map(\.bytesRemoved) == (cut == boundary ? [] : [cut - boundary]), "cut at \(cut)")
      let report = try Verifier.verify(at: dir.path)
      #expect(report.lastPosition == 6, "cut at \(cut)")
      #expect(try ledger.append([sampleEvent(100)]).positions == [7], "cut at \(cut)")
      try full.write(to: URL(fileURLWithPath: segment))
      try? FileManager.default.removeItem(atPath: dir.path + "/index/positions.bin")
    }
  }

  @Test("verify reports an interrupted batch until a writer removes it")
  func verifySeesTornTail() throws {
    let dir = TemporaryDirectory()
    let segment = try build(dir, batches: 2, size: 2)
    let full = try Data(contentsOf: URL(fileURLWithPath: segment))
    try full.prefix(full.count - 10).write(to: URL(fileURLWithPath: segment))
    let error = #expect(throws: StoreError.self) { try Verifier.verify(at: dir.path) }
    #expect(error?.position == 3)
    #expect(error?.message.contains("interrupted batch") == true)
    #expect(try LedgerReader(at: dir.path).head.position == 2)
    _ = try Ledger(at: dir.path)
    #expect(try Verifier.verify(at: dir.path).lastPosition == 2)
  }

  @Test("damage before the tail is never repaired: opening for write names position and offset")
  func damageBeforeTailRefused() throws {
    let dir = TemporaryDirectory()
    let segment = try build(dir, batches: 3, size: 2)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
    let lines = bytes.split(separator: 0x0A)
    let offsetOfLast = bytes.count - lines.last!.count - 1
    bytes[offsetOfLast + 30] ^= 0x01  // inside the last (commit) record
    try bytes.write(to: URL(fileURLWithPath: segment))
    let error = #expect(throws: StoreError.self) { try Ledger(at: dir.path) }
    #expect(error?.code == .corrupt)
    #expect(error?.position == 6)
    #expect(error?.offset == offsetOfLast)
  }

  @Test("one flipped bit anywhere in a 1,000-record ledger fails verify, naming its record")
  func bitFlips() throws {
    let dir = TemporaryDirectory()
    let segment = try build(dir, batches: 100, size: 10)
    let original = try Data(contentsOf: URL(fileURLWithPath: segment))
    var lineStarts: [Int] = [0]
    for (i, b) in original.enumerated() where b == 0x0A && i + 1 < original.count { lineStarts.append(i + 1) }
    var random = SeededGenerator(seed: 20_261_124)
    for _ in 0..<200 {
      let offset = Int.random(in: 0..<original.count, using: &random)
      let bit = UInt8(1) << UInt8.random(in: 0..<8, using: &random)
      var damaged = original
      damaged[offset] ^= bit
      try damaged.write(to: URL(fileURLWithPath: segment))
      let holder = (lineStarts.lastIndex { $0 <= offset } ?? 0) + 1
      let error = #expect(throws: StoreError.self, "flip at \(offset)") { try Verifier.verify(at: dir.path) }
      #expect(error?.code == .corrupt, "flip at \(offset)")
      #expect(error?.position == holder, "flip at byte \(offset) (record \(holder)): \(error?.message ?? "")")
    }
    try original.write(to: URL(fileURLWithPath: segment))
    #expect(try Verifier.verify(at: dir.path).records == 1000)
  }

  @Test("deleted, duplicated and reordered records and missing segments are named")
  func structuralDamage() throws {
    let dir = TemporaryDirectory()
    let segment = try build(dir, batches: 5, size: 1)
    let original = try String(contentsOfFile: segment, encoding: .utf8)
    var lines = original.split(separator: "\n").map(String.init)
    let cases: [(String, [String], Int)] = [
      ("deleted", Array(lines[0..<2] + lines[3...]), 3),
      ("duplicated", Array(lines[0..<3] + [lines[2]] + lines[3...]), 4),
      ("reordered", [lines[0], lines[2], lines[1], lines[3], lines[4]], 2),
      (
        "truncated middle",
        [lines[0], lines[1], String(lines[2].prefix(40)) + String(lines[3].dropFirst(60)), lines[4]], 3
      ),
    ]
    for (name, damaged, position) in cases {
      try (damaged.joined(separator: "\n") + "\n").write(toFile: segment, atomically: false, encoding: .utf8)
      let error = #expect(throws: StoreError.self, "\(name)") { try Verifier.verify(at: dir.path) }
      #expect(error?.position == position, "\(name): \(error?.message ?? "")")
    }
    lines.removeAll()
    try original.write(toFile: segment, atomically: false, encoding: .utf8)
    #expect(try Verifier.verify(at: dir.path).records == 5)
  }

  @Test("a missing middle segment is reported by position")
  func missingSegment() throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true, segmentBytes: 1024)
    for n in 1...30 { _ = try ledger.append([sampleEvent(n)]) }
    let files = segmentFiles(dir.path)
    #expect(files.count >= 3)
    try FileManager.default.removeItem(atPath: files[1])
    let error = #expect(throws: StoreError.self) { try Verifier.verify(at: dir.path) }
    #expect(error?.message.contains("are missing") == true)
    #expect(#expect(throws: StoreError.self) { try LedgerReader(at: dir.path).records() } != nil)
  }
}

@Suite("Readers refuse damaged logs")
struct ReaderIntegrityTests {
  @Test("a flipped bit inside a payload makes reads fail, pointing at journey verify", arguments: [0, 1, 37, 99])
  func flippedPayload(record: Int) throws {
    let dir = TemporaryDirectory()
    let ledger = try Ledger(at: dir.path, create: true)
    for n in stride(from: 1, through: 100, by: 10) { _ = try ledger.append((n..<(n + 10)).map { sampleEvent($0) }) }
    let segment = segmentFiles(dir.path)[0]
    var bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
    let starts = [0] + bytes.enumerated().filter { $0.element == 0x0A }.map { $0.offset + 1 }
    let line = bytes[starts[record]...]
    let word = try #require(line.firstRange(of: Data("number".utf8)))
    bytes[word.lowerBound] ^= 0x01  // "number" becomes "oumber": still valid JSON, different content
    try bytes.write(to: URL(fileURLWithPath: segment))
    let error = #expect(throws: StoreError.self) { try LedgerReader(at: dir.path).records() }
    #expect(error?.code == .corrupt)
    #expect(error?.position == record + 1)
    #expect(error?.hint?.contains("journey verify") == true)
  }
}
