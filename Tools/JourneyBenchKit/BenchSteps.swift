import EventStore
import Foundation
import JourneyDomain
import Projections

/// The measured steps; each runs in a child process of `journey-bench` so that its peak memory
/// is its own.
///
/// Each returns a JSON object of figures.
public enum BenchSteps {
  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  /// Generates the synthetic ledger, timing only the durable appends (batches of 1,000).
  public static func generate(ledger: String, events: Int, seed: UInt64) throws -> JSON {
    let store = try Ledger(at: ledger, create: true, clock: .fixed(1_795_478_400))
    var appendSeconds = 0.0
    var appended = 0
    try SyntheticLedger(seed: seed, count: events).generate(batchSize: 1000) { batch in
      appendSeconds += try seconds { appended += try store.append(batch).appended }
    }
    let bytes = try LedgerReader(at: ledger).committedBytes
    return [
      "events": .number(Double(appended)), "bytes": .number(Double(bytes)), "append_seconds": .number(appendSeconds),
      "events_per_second": .number(Double(appended) / appendSeconds),
    ]
  }

  /// Writes `events` synthetic events as the JSON lines `journey append` reads, for timing one
  /// large batch through the command.
  public static func writeAppendInput(to path: String, events: Int, seed: UInt64) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CocoaError(.fileWriteUnknown) }
    defer { try? handle.close() }
    try SyntheticLedger(seed: seed, count: events).generate(batchSize: 10_000) { batch in
      var text = ""
      for event in batch {
        var line: [String: JSON] = [
          "id": .string(event.id), "type": .string(event.type), "stream": .string(event.stream),
          "v": .number(Double(event.schemaVersion)), "data": event.data, "meta": event.meta,
        ]
        if let valid = event.valid { line["valid"] = ["from": .string(valid.from), "to": .string(valid.to)] }
        text += JSON.object(line).serialized() + "\n"
      }
      try handle.write(contentsOf: Data(text.utf8))
    }
  }

  /// Durable single-event appends: latency percentiles.
  public static func latency(ledger: String, count: Int) throws -> JSON {
    let store = try Ledger(at: ledger, create: true)
    var samples: [Double] = []
    for i in 0..<count {
      let event = NewEvent(
        id: "latency-\(i)-\(UInt64.random(in: 0...UInt64.max))", type: "performance_indicator", stream: "la:358",
        valid: ValidTime(day: "2025-01-01"),
        data: ["metric": "re_referrals", "value": 20, "unit": "percent", "period": "2025-01-01"],
        meta: ["reported": "2025-01-02"])
      samples.append(try seconds { _ = try store.append([event]) })
    }
    samples.sort()
    func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
    return [
      "count": .number(Double(count)), "p50_ms": .number(percentile(0.5) * 1000),
      "p99_ms": .number(percentile(0.99) * 1000),
    ]
  }

  /// Cold full replay of every built-in projection in one pass, no checkpoints.
  public static func replay(ledger: String) throws -> JSON {
    let engine = ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay, useCheckpoints: false)
    let runners = ProjectionRegistry.runners()
    let reader = try LedgerReader(at: ledger)
    let elapsed = try seconds { try engine.run(runners, filter: ReplayFilter()) }
    let events = Double(reader.head.position)
    return [
      "events": .number(events), "bytes": .number(Double(reader.committedBytes)), "seconds": .number(elapsed),
      "events_per_second": .number(events / elapsed),
      "mb_per_second": .number(Double(reader.committedBytes) / 1e6 / elapsed),
    ]
  }

  /// The record shape a straightforward Swift program would decode with `JSONDecoder`.
  struct DecodedRecord: Decodable {
    struct Valid: Decodable {
      var from: String
      var to: String
    }
    var pos: Int
    var id: String
    var type: String
    var v: Int
    var stream: String
    var valid: Valid?
    var recorded: String
    var batch: Int
    var meta: JSON
    var data: JSON
    var hash: String
  }

  /// Baseline: read each segment and decode every line with Foundation's `JSONDecoder`.
  public static func jsonDecoder(ledger: String) throws -> JSON {
    let files = try segmentFiles(ledger)
    var records = 0
    var bytes = 0
    let decoder = JSONDecoder()
    let elapsed = try seconds {
      for file in files {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes += data.count
        for line in data.split(separator: 0x0A) {
          _ = try decoder.decode(DecodedRecord.self, from: Data(line))
          records += 1
        }
      }
    }
    return [
      "records": .number(Double(records)), "seconds": .number(elapsed),
      "events_per_second": .number(Double(records) / elapsed),
      "mb_per_second": .number(Double(bytes) / 1e6 / elapsed),
    ]
  }

  /// Baseline (the I/O floor): read the segment files in 1 MiB chunks and count the lines.
  public static func readSplit(ledger: String) throws -> JSON {
    var lines = 0
    var bytes = 0
    let elapsed = try seconds {
      for file in try segmentFiles(ledger) {
        guard let handle = FileHandle(forReadingAtPath: file) else { continue }
        while true {
          let chunk = handle.readData(ofLength: 1 << 20)
          if chunk.isEmpty { break }
          bytes += chunk.count
          chunk.withUnsafeBytes { raw in
            var p = raw.baseAddress!
            var left = raw.count
            while left > 0, let hit = memchr(p, 0x0A, left) {
              lines += 1
              let consumed = p.distance(to: UnsafeRawPointer(hit)) + 1
              p += consumed
              left -= consumed
            }
          }
        }
      }
    }
    return [
      "lines": .number(Double(lines)), "seconds": .number(elapsed),
      "events_per_second": .number(Double(lines) / elapsed),
      "mb_per_second": .number(Double(bytes) / 1e6 / elapsed),
    ]
  }

  /// CSV importer throughput: read, check and plan every row of a DfE workforce file.
  public static func importPlan(csv: String) throws -> JSON {
    let importer = CSWWImporter(path: csv, released: try Day(iso: "2026-02-27"))
    var plan = ImportPlan()
    var events = 0
    let elapsed = try seconds { plan = try importer.plan(current: { _ in nil }, canonical: { _ in events += 1 }) }
    return [
      "rows": .number(Double(plan.rowsRead)), "events": .number(Double(events)), "seconds": .number(elapsed),
      "rows_per_second": .number(Double(plan.rowsRead) / elapsed),
    ]
  }

  /// Writes a DfE-format workforce file of `rows` rows by repeating the real file's 2023 rows with
  /// the years 2023 back to 1901, cycling (ids repeat across cycles; the plan step does not mind).
  public static func makeLargeCSV(from real: String, to path: String, rows: Int) throws {
    let lines = try String(contentsOfFile: real, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0]
    let body = lines.dropFirst().filter { $0.hasPrefix("2023,") }
    var out = header + "\n"
    // Each authority and year once (an import refuses a file that states a figure twice), so at
    // most one row per authority for each supported year.
    var written = 0
    for year in Day.supportedYears.reversed() where written < rows {
      for line in body where written < rows {
        out += String(year) + line.dropFirst(4) + "\n"
        written += 1
      }
    }
    try out.write(toFile: path, atomically: true, encoding: .utf8)
  }

  static func segmentFiles(_ ledger: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: ledger + "/segments").filter { $0.hasSuffix(".jsonl") }.sorted()
      .map { ledger + "/segments/" + $0 }
  }
}
