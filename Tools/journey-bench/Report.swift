import EventStore
import Foundation
import JourneyBenchKit

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
      "Written by `swift run -c release journey-bench` (Tools/journey-bench); every figure below was measured in that one run on this machine. Re-run it to refresh this file.",
      "",
      "- Machine: \(machine)",
      "- Date: \(formatter.string(from: started)) (run took \(Int(finished.timeIntervalSince(started))) s)",
      "- Command: `swift run -c release journey-bench --events \(options.events) --seed \(options.seed)`",
      String(
        format:
          "- Ledger: %d synthetic events (every English authority over 20 years; seed %llu), %.0f MB in segment files",
        options.events, options.seed, ledgerBytes / 1e6),
      "- Each step runs as its own process; \"peak\" is that process's maximum resident set size (GNU time's %M). Queries and verify are timed as whole `journey` processes, including start-up.",
      "", "| measurement | figure | baseline (same run, same bytes) | ratio | target | | peak memory |",
      "|---|---|---|---|---|---|---|",
    ]
    for row in rows {
      lines.append(
        "| \(row.name) | \(row.value) | \(row.baseline) | \(row.ratio) | \(row.target) | \(row.met) | \(row.peak) |")
    }
    if !growth.isEmpty {
      lines += [
        "", "## Cost growth", "",
        "Replay should grow linearly with the log (constant cost per event); replay memory should grow by at most 50 MiB per extra million events; a warm as-of query should stay flat. Sizes above \(options.lightAbove.formatted()) events are measured lightly (one warm query).",
        "",
        "| events | replay rate | replay time | replay per event | replay peak | peak growth per extra million | as-of cold | as-of cold per event | as-of warm |",
        "|---|---|---|---|---|---|---|---|---|",
      ]
      lines += growth.map { "| " + $0.joined(separator: " | ") + " |" }
    }
    if !notes.isEmpty { lines += ["", "## Notes", ""] + notes.map { "- " + $0 } }
    lines += [
      "",
      "What was tried to reach these figures, and why targets are missed where they are, is in docs/PERFORMANCE.md.",
      "",
    ]
    return lines.joined(separator: "\n")
  }
}
