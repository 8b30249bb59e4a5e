import EventStore
import Foundation
import JourneyBenchKit

#if canImport(Glibc)
  import Glibc
#endif

/// Kills `journey` at random moments while it appends (and while queries write checkpoints),
/// then checks that nothing acknowledged was lost or changed.
struct CrashLoop {
  let journey: String
  let work: String
  let iterations: Int
  let seed: UInt64

  struct Figures {
    var iterations = 0
    var acknowledged = 0
    var lost = 0
    var changed = 0
    var tornTailsRepaired = 0
    var bytesRemoved = 0
    var rotations = 0
    var checkpointKills = 0
  }

  func run() throws -> Figures {
    let ledger = try freshDirectory(work + "/crash") + "/ledger"
    var random = SeededRandom(seed: seed)
    var figures = Figures()
    var acknowledged: [String: (position: Int, value: Double)] = [:]
    for iteration in 0..<iterations {
      let batch = Int.random(in: 1...8, using: &random)
      let count = batch * Int.random(in: 4...30, using: &random)
      var values: [Double] = []
      var lines: [String] = []
      for j in 0..<count {
        let value = Double(Int.random(in: 0...999, using: &random)) / 10
        values.append(value)
        lines.append(figureLine(id: "c\(iteration)-\(j)", value: value, year: 1950 + j % 70))
      }
      let writer = try PipedProcess(
        journey, ["append", "--ledger", ledger, "--batch-size", String(batch), "--segment-bytes", "16384"],
        stdin: lines.joined(separator: "\n") + "\n")
      var query: PipedProcess? = nil
      if iteration % 3 == 2 {
        query = try PipedProcess(
          journey, ["state", "--authority", "Trafford", "--ledger", ledger, "--as-of", "2030-01-01", "--json"],
          stdin: "")
      }
      usleep(UInt32.random(in: 0...40_000, using: &random))
      writer.kill()
      if let query {
        usleep(UInt32.random(in: 0...20_000, using: &random))
        query.kill()
        _ = query.finish()
        figures.checkpointKills += 1
      }
      let output = writer.finish().stdout
      let acks = output.split(separator: "\n").compactMap { Int($0) }
      for (j, position) in acks.enumerated() { acknowledged["c\(iteration)-\(j)"] = (position, values[j]) }
      figures.acknowledged += acks.count
      if Int.random(in: 0..<3, using: &random) == 0 { try tearTail(ledger, iteration: iteration, random: &random) }
      try checkAfterCrash(
        ledger, acknowledged: acknowledged, figures: &figures, full: iteration % 10 == 9 || iteration == iterations - 1)
      figures.iterations += 1
    }
    return figures
  }

  /// Leaves what a power loss in the middle of the next write would: the first part of a real,
  /// never-acknowledged batch, cut at a random byte. (SIGKILL alone cannot tear a single write.)
  func tearTail(_ ledger: String, iteration: Int, random: inout SeededRandom) throws {
    guard FileManager.default.fileExists(atPath: ledger + "/ledger.json") else { return }
    let copy = work + "/crash/torn-copy"
    try? FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: ledger, toPath: copy)
    let segments = try FileManager.default.contentsOfDirectory(atPath: ledger + "/segments").filter {
      $0.hasSuffix(".jsonl")
    }.sorted()
    guard let last = segments.last else { return }
    let before = try Data(contentsOf: URL(fileURLWithPath: copy + "/segments/" + last))
    let lines = (0..<6).map { figureLine(id: "torn-\(iteration)-\($0)", value: 9, year: 2000 + $0) }.joined(
      separator: "\n")
    _ = try journeyRun(journey, ["append", "--ledger", copy], stdin: lines)
    let after = try Data(contentsOf: URL(fileURLWithPath: copy + "/segments/" + last))
    guard after.count > before.count + 2 else { return }  // the copy rotated to a new segment: nothing to tear here
    let cut = Int.random(in: (before.count + 1)..<(after.count - 1), using: &random)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledger + "/segments/" + last))
    try handle.seekToEnd()
    try handle.write(contentsOf: after[before.count..<cut])
    try handle.close()
  }

  /// Reopens (recovering an interrupted batch), verifies, and checks the acknowledged events.
  func checkAfterCrash(
    _ ledger: String, acknowledged: [String: (position: Int, value: Double)], figures: inout Figures, full: Bool
  ) throws {
    guard FileManager.default.fileExists(atPath: ledger + "/ledger.json") else { return }
    let reopened = try Ledger(at: ledger)
    figures.tornTailsRepaired += reopened.recoveries.count
    figures.bytesRemoved += reopened.recoveries.reduce(0) { $0 + $1.bytesRemoved }
    let report = try Verifier.verify(at: ledger)
    figures.rotations = report.segments - 1
    guard full else { return }
    let records = try recordsByID(ledger)
    for (id, expected) in acknowledged {
      guard let (position, data) = records[id] else {
        figures.lost += 1
        continue
      }
      if position != expected.position || data["value"]?.numberValue != expected.value { figures.changed += 1 }
    }
    try require(figures.lost == 0, "\(figures.lost) acknowledged events lost")
    try require(figures.changed == 0, "\(figures.changed) acknowledged events changed")
    try require(try checkpointsAgree(ledger), "projections from checkpoints differ from a full rebuild")
  }
}
