import EventStore
import Foundation
import JourneyBenchKit

/// The machine the figures were measured on.
enum Machine {
  static func describe() -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
      .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
    let kernel = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    return String(format: "%@, %d cores, %.0f GiB memory, Linux %@", cpu, cores, memory, kernel)
  }
}

/// The SQLite baseline: the same events in an indexed table, and the equivalent as-of query.
struct SQLiteBaseline {
  let ledger: String
  let work: String

  struct Result {
    var rows: Int
    var load: Double
    var query: Double
    var matched: Int
  }

  /// nil when `sqlite3` is not installed.
  func measure() throws -> Result? {
    guard let sqlite = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let database = work + "/events.sqlite"
    let csv = work + "/events.csv"
    try? FileManager.default.removeItem(atPath: database)
    var out = ""
    var rows = 0
    try LedgerReader(at: ledger).forEach { view in
      let valid = view.valid
      let fields = [String(view.position), view.id, view.type, view.stream, valid?.from ?? "", valid?.to ?? "",
        String(decoding: view.dataBytes, as: UTF8.self)]
      out += fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
      rows += 1
      return true
    }
    try out.write(toFile: csv, atomically: true, encoding: .utf8)
    let script = """
      CREATE TABLE events(pos INTEGER PRIMARY KEY, id TEXT, type TEXT, stream TEXT, valid_from TEXT, valid_to TEXT, data TEXT);
      .mode csv
      .import \(csv) events
      CREATE INDEX events_stream_valid ON events(stream, valid_from);
      """
    let scriptPath = work + "/load.sql"
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    let load = try ChildProcess.run(["sh", "-c", "\(sqlite) \(database) < \(scriptPath)"])
    let query = "SELECT pos, type, valid_from, data FROM events WHERE stream = 'la:358' AND (valid_from = '' OR valid_from <= '2020-06-30') ORDER BY pos;"
    let runs = try (0..<5).map { _ in try ChildProcess.run([sqlite, database, query]) }
    let matched = runs[0].output.split(separator: "\n").count
    return Result(rows: rows, load: load.seconds, query: runs.map(\.seconds).sorted()[2], matched: matched)
  }
}

/// BENCHMARKS.md.
struct Report {
  let machine: String
  let started: Date
  let finished: Date
  let options: Options
  let ledgerBytes: Double
  let rows: [Harness.Row]
  let growth: [[String]]
  let notes: [String]

  var markdown: String {
    let formatter = ISO8601DateFormatter()
    var lines = [
      "# Benchmarks", "",
      "Written by `swift run -c release journey-bench` (Tools/journey-bench); every figure below was measured in that one run on this machine. Re-run it to refresh this file.", "",
      "- Machine: \(machine)",
      "- Date: \(formatter.string(from: started)) (run took \(Int(finished.timeIntervalSince(started))) s)",
      "- Command: `swift run -c release journey-bench --events \(options.events) --seed \(options.seed)`",
      String(format: "- Ledger: %d synthetic events (every English authority over 20 years; seed %llu), %.0f MB in segment files", options.events, options.seed, ledgerBytes / 1e6),
      "- Each step runs as its own process; \"peak\" is that process's maximum resident set size (GNU time's %M). Queries and verify are timed as whole `journey` processes, including start-up.",
      "", "| measurement | figure | baseline (same run, same bytes) | ratio | target | | peak memory |", "|---|---|---|---|---|---|---|",
    ]
    for row in rows {
      lines.append("| \(row.name) | \(row.value) | \(row.baseline) | \(row.ratio) | \(row.target) | \(row.met) | \(row.peak) |")
    }
    if !growth.isEmpty {
      lines += [
        "", "## Cost growth", "",
        "Replay should grow linearly with the log (constant events/s); a warm as-of query should stay flat.", "",
        "| events | replay rate | replay time | replay peak | as-of cold | as-of warm |", "|---|---|---|---|---|---|",
      ]
      lines += growth.map { "| " + $0.joined(separator: " | ") + " |" }
    }
    if !notes.isEmpty { lines += ["", "## Notes", ""] + notes.map { "- " + $0 } }
    lines += ["", "What was tried to reach these figures, and why targets are missed where they are, is in docs/PERFORMANCE.md.", ""]
    return lines.joined(separator: "\n")
  }
}
