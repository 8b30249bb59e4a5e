import EventStore
import Foundation
import JourneyBenchKit

/// Runs every measurement and writes BENCHMARKS.md.
struct Harness {
  let options: Options
  let bench: String
  let journey: String

  init(options: Options) {
    self.options = options
    bench = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    journey = URL(fileURLWithPath: bench).deletingLastPathComponent().path + "/journey"
  }

  /// One measured figure.
  struct Row {
    var name: String
    var value: String
    var baseline: String
    var ratio: String
    var target: String
    var met: String
    var peak: String
  }

  func step(_ args: [String]) throws -> (JSON, ChildResult) {
    let result = try ChildProcess.run([bench, "step"] + args)
    guard result.status == 0, let json = try? JSONParser.parse(result.output) else {
      throw NSError(
        domain: "journey-bench", code: 1,
        userInfo: [
          NSLocalizedDescriptionKey: "step \(args.joined(separator: " ")) failed (\(result.status)): \(result.output)"
        ])
    }
    return (json, result)
  }

  func number(_ json: JSON, _ key: String) -> Double { json[key]?.numberValue ?? .nan }

  func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  /// Builds the release `journey` next to this executable when it is missing.
  func ensureJourney() throws {
    guard !FileManager.default.isExecutableFile(atPath: journey) else { return }
    log("building journey (release)…")
    let build = try ChildProcess.run(["swift", "build", "-c", "release", "--product", "journey"])
    guard build.status == 0, FileManager.default.isExecutableFile(atPath: journey) else {
      throw NSError(
        domain: "journey-bench", code: 1,
        userInfo: [NSLocalizedDescriptionKey: "could not build journey next to journey-bench"])
    }
  }

  /// Generates a synthetic ledger of `events` events; with `reuse`, keeps one a previous run left
  /// complete (the growth table reuses them, the main ledger is always appended afresh).
  func ledger(events: Int, reuse: Bool) throws -> (path: String, generate: (JSON, ChildResult)?) {
    let path = options.work + "/ledger-\(events)-\(options.seed)"
    if reuse, let reader = try? LedgerReader(at: path), reader.head.position == events { return (path, nil) }
    try? FileManager.default.removeItem(atPath: path)
    log("generating \(events) events…")
    return (path, try step(["generate", path, String(events), String(options.seed)]))
  }

  /// Times an as-of query by `journey` as a whole process: cold (no checkpoints) and warm (the
  /// median of `warmRuns`).
  func asOfQuery(_ ledger: String, warmRuns: Int = 5) throws -> (cold: ChildResult, warm: Double, warmPeak: Double) {
    try? FileManager.default.removeItem(atPath: ledger + "/checkpoints")
    let query = [journey, "state", "--authority", "Trafford", "--as-of", "2020-06-30", "--ledger", ledger, "--json"]
    let cold = try ChildProcess.run(query)
    guard cold.status == 0 else {
      throw NSError(domain: "journey-bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "journey state failed"])
    }
    let warm = try (0..<warmRuns).map { _ in try ChildProcess.run(query) }
    return (cold, median(warm.map(\.seconds)), warm.map(\.peakMiB).max() ?? 0)
  }

  func run() throws {
    try FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
    try ensureJourney()
    let machine = Machine.describe()
    let started = Date()
    var rows: [Row] = []
    var notes: [String] = []

    let (path, generated) = try ledger(events: options.events, reuse: false)
    let bytes = Double(try LedgerReader(at: path).committedBytes)
    if let (g, r) = generated {
      rows.append(
        Row(
          name: "durable append, batches of 1,000", value: rate(number(g, "events_per_second"), "events/s"),
          baseline: "", ratio: "",
          target: "≥ 200,000 events/s", met: met(number(g, "events_per_second") >= 200_000), peak: mib(r.peakMiB)))
    }

    log("one batch of \(options.singleBatch) lines through journey append…")
    let batchInput = options.work + "/append-input.jsonl"
    let batchLedger = options.work + "/single-batch"
    try BenchSteps.writeAppendInput(to: batchInput, events: options.singleBatch, seed: options.seed)
    try? FileManager.default.removeItem(atPath: batchLedger)
    let single = try ChildProcess.run([
      "/bin/sh", "-c", "exec \"$0\" append --ledger \"$1\" < \"$2\" > /dev/null", journey, batchLedger, batchInput,
    ])
    guard single.status == 0 else {
      throw NSError(
        domain: "journey-bench", code: 1,
        userInfo: [NSLocalizedDescriptionKey: "journey append of one batch failed: \(single.output)"])
    }
    let singleRate = Double(options.singleBatch) / single.seconds
    rows.append(
      Row(
        name: "durable append, one batch of \(rate(Double(options.singleBatch), "")) lines through `journey append`",
        value: rate(singleRate, "events/s"),
        baseline: "", ratio: "", target: "≥ 200,000 events/s, ≤ 100 MiB",
        met: met(singleRate >= 200_000 && single.peakMiB <= 100), peak: mib(single.peakMiB)))
    try? FileManager.default.removeItem(atPath: batchLedger)

    log("single-event latency…")
    let latencyLedger = options.work + "/latency"
    try? FileManager.default.removeItem(atPath: latencyLedger)
    let (l, lr) = try step(["latency", latencyLedger, "1000"])
    rows.append(
      Row(
        name: "durable single-event append latency p50 / p99",
        value: String(format: "%.2f / %.2f ms", number(l, "p50_ms"), number(l, "p99_ms")),
        baseline: "", ratio: "", target: "", met: "", peak: mib(lr.peakMiB)))

    log("replay and baselines…")
    let (replay, rr) = try step(["replay", path])
    let (decoder, dr) = try step(["jsondecoder", path])
    let (split, sr) = try step(["readsplit", path])
    let replayRate = number(replay, "events_per_second")
    rows.append(
      Row(
        name: "cold full replay, all built-in projections",
        value: rate(replayRate, "events/s") + String(format: " (%.0f MB/s)", number(replay, "mb_per_second")),
        baseline: "", ratio: "", target: "≥ 1,000,000 events/s", met: met(replayRate >= 1_000_000),
        peak: mib(rr.peakMiB)))
    rows.append(
      Row(
        name: "  against JSONDecoder decoding every record", value: rate(replayRate, "events/s"),
        baseline: rate(number(decoder, "events_per_second"), "events/s"),
        ratio: ratio(replayRate / number(decoder, "events_per_second")), target: "≥ 20×",
        met: met(replayRate / number(decoder, "events_per_second") >= 20), peak: mib(dr.peakMiB)))
    rows.append(
      Row(
        name: "  against reading and splitting lines (I/O floor)", value: rate(replayRate, "events/s"),
        baseline: rate(number(split, "events_per_second"), "lines/s"),
        ratio: ratio(replayRate / number(split, "events_per_second")), target: "within 5× (ratio ≥ 0.2×)",
        met: met(number(split, "events_per_second") / replayRate <= 5), peak: mib(sr.peakMiB)))
    rows.append(
      Row(
        name: "peak memory while replaying", value: mib(rr.peakMiB), baseline: "", ratio: "", target: "≤ 150 MiB",
        met: met(rr.peakMiB <= 150), peak: mib(rr.peakMiB)))

    log("verify, openssl and sha256sum…")
    let verify = try ChildProcess.run([journey, "verify", "--ledger", path])
    let files = try FileManager.default.contentsOfDirectory(atPath: path + "/segments").filter {
      $0.hasSuffix(".jsonl")
    }.sorted().map { path + "/segments/" + $0 }
    let verifyRate = String(format: "%.0f MB/s", bytes / 1e6 / verify.seconds)
    if let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: {
      FileManager.default.isExecutableFile(atPath: $0)
    }) {
      let digest = try ChildProcess.run([openssl, "dgst", "-sha256"] + files)
      rows.append(
        Row(
          name: "journey verify (SHA-256 engine: \(SHA256.Engine.preferred))", value: verifyRate,
          baseline: String(format: "openssl dgst -sha256 %.0f MB/s", bytes / 1e6 / digest.seconds),
          ratio: ratio(digest.seconds / verify.seconds),
          target: "within 2× of openssl", met: met(verify.seconds / digest.seconds <= 2), peak: mib(verify.peakMiB)))
    } else {
      notes.append("openssl is not installed: the verify row has no openssl baseline.")
    }
    let sha = try ChildProcess.run(["sha256sum"] + files)
    rows.append(
      Row(
        name: "journey verify against coreutils", value: verifyRate,
        baseline: String(format: "sha256sum %.0f MB/s", bytes / 1e6 / sha.seconds),
        ratio: ratio(sha.seconds / verify.seconds), target: "", met: "", peak: mib(verify.peakMiB)))

    log("as-of queries…")
    let query = try asOfQuery(path)
    let sqlite = try SQLiteBaseline(ledger: path, work: options.work).measure()
    rows.append(
      Row(
        name: "as-of query, one authority, cold (new process, no checkpoints)", value: ms(query.cold.seconds),
        baseline: "", ratio: "",
        target: "≤ 300 ms", met: met(query.cold.seconds <= 0.3), peak: mib(query.cold.peakMiB)))
    rows.append(
      Row(
        name: "as-of query, one authority, warm (checkpoints present)", value: ms(query.warm),
        baseline: sqlite.map { "sqlite3 indexed query \(ms($0.query))" } ?? "sqlite3 not installed",
        ratio: sqlite.map { ratio($0.query / query.warm) } ?? "",
        target: "≤ 50 ms, no slower than sqlite3",
        met: met(query.warm <= 0.05 && (sqlite.map { query.warm <= $0.query } ?? true)), peak: mib(query.warmPeak)))
    if let sqlite {
      notes.append(
        String(
          format:
            "SQLite baseline: %d events loaded into an indexed table in %.1f s (not timed against anything); the query `SELECT … WHERE stream = 'la:358' AND valid_from <= '2020-06-30'` returned %d rows.",
          sqlite.rows, sqlite.load, sqlite.matched))
    }

    log("CSV import…")
    let bigCSV = options.work + "/csww-large.csv"
    let realCSV = FileManager.default.currentDirectoryPath + "/examples/data/csww_indicators_2017_to_2023.csv"
    try BenchSteps.makeLargeCSV(from: realCSV, to: bigCSV, rows: 30_000)
    let (imp, ir) = try step(["import", bigCSV])
    rows.append(
      Row(
        name: "CSV import (read, check, plan) of a 30,000-row DfE-format file (each authority and year once)",
        value: rate(number(imp, "rows_per_second"), "rows/s"), baseline: "", ratio: "",
        target: "≥ 100,000 rows/s", met: met(number(imp, "rows_per_second") >= 100_000), peak: mib(ir.peakMiB)))
    let importLedger = options.work + "/import"
    try? FileManager.default.removeItem(atPath: importLedger)
    let full = try ChildProcess.run([journey, "import", "csww", realCSV, "--ledger", importLedger])
    rows.append(
      Row(
        name: "journey import csww of the real file (1,137 rows, 25,234 events appended)",
        value: rate(1137 / full.seconds, "rows/s"), baseline: "", ratio: "",
        target: "≥ 20,000 rows/s", met: met(1137 / full.seconds >= 20_000), peak: mib(full.peakMiB)))

    var growth: [[String]] = []
    if options.growth {
      var previousPeak: (events: Int, mib: Double)? = nil
      for size in options.sizes {
        let light = size > options.lightAbove
        log("growth: \(size) events\(light ? " (light: one warm query, ledger removed after)" : "")…")
        let (p, _) = try ledger(events: size, reuse: true)
        let (r, rp) = try step(["replay", p])
        let q = try asOfQuery(p, warmRuns: light ? 1 : 5)
        if light { try? FileManager.default.removeItem(atPath: p) }
        let seconds = number(r, "seconds")
        let perMillion = previousPeak.map { (rp.peakMiB - $0.mib) / (Double(size - $0.events) / 1e6) }
        previousPeak = (size, rp.peakMiB)
        growth.append([
          rate(Double(size), ""), rate(number(r, "events_per_second"), "events/s"),
          String(format: "%.2f s", seconds), String(format: "%.2f µs", seconds / Double(size) * 1e6),
          mib(rp.peakMiB), perMillion.map { String(format: "%+.0f MiB", $0) } ?? "", ms(q.cold.seconds),
          String(format: "%.2f µs", q.cold.seconds / Double(size) * 1e6), ms(q.warm) + (light ? " (1 run)" : ""),
        ])
      }
    }
    let report = Report(
      machine: machine, started: started, finished: Date(), options: options, ledgerBytes: bytes, rows: rows,
      growth: growth, notes: notes)
    try report.markdown.write(toFile: options.out, atomically: true, encoding: .utf8)
    log("wrote \(options.out)")
  }

  func rate(_ value: Double, _ unit: String) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return (formatter.string(from: NSNumber(value: value)) ?? String(value)) + (unit.isEmpty ? "" : " " + unit)
  }

  func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
  func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
  func mib(_ value: Double) -> String { String(format: "%.0f MiB", value) }
  func met(_ ok: Bool) -> String { ok ? "met" : "**missed**" }
}
