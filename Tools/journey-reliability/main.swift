import EventStore
import Foundation
import JourneyBenchKit

#if canImport(Glibc)
  import Glibc
#endif

// journey-reliability: tries hard to break the ledger and reports what survived.
//
//   journey-reliability [all|crash-loop|concurrency|faults] [--short|--long] [--work DIR]
//                       [--journey PATH] [--write-docs docs/RELIABILITY.md]
//
// --short (the default, run by .ci/run): 100 crash iterations, 8 writers and 4 readers for 10 s.
// --long: 1,000 crash iterations, 8 writers and 4 readers for 60 s.
// Exits 1 if any check fails. --write-docs replaces the figures block of RELIABILITY.md.

struct Options {
  var what = "all"
  var long = false
  var work = FileManager.default.temporaryDirectory.path + "/journey-reliability"
  var journey =
    URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent().path + "/journey"
  var docs: String? = nil
  var seed: UInt64 = 7

  static func parse(_ args: [String]) -> Options {
    var o = Options()
    var i = 0
    while i < args.count {
      func value() -> String {
        i += 1
        guard i < args.count else { usage("missing value for \(args[i - 1])") }
        return args[i]
      }
      switch args[i] {
      case "all", "crash-loop", "concurrency", "faults": o.what = args[i]
      case "--short": o.long = false
      case "--long": o.long = true
      case "--work": o.work = value()
      case "--journey": o.journey = value()
      case "--write-docs": o.docs = value()
      case "--seed": o.seed = UInt64(value()) ?? { usage("--seed takes a whole number") }()
      case "--help", "-h": usage(nil)
      default: usage("unknown argument '\(args[i])'")
      }
      i += 1
    }
    return o
  }
}

func usage(_ error: String?) -> Never {
  if let error { say("error: \(error)") }
  say(
    "usage: journey-reliability [all|crash-loop|concurrency|faults] [--short|--long] [--work DIR] [--journey PATH] [--write-docs FILE]"
  )
  exit(error == nil ? 0 : 64)
}

signal(SIGPIPE, SIG_IGN)  // a killed journey closes its stdin pipe under us
let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
guard FileManager.default.isExecutableFile(atPath: options.journey) else {
  say("error: no journey binary at \(options.journey); build it first or pass --journey PATH")
  exit(1)
}
try? FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
var lines: [String] = []
let mode = options.long ? "long" : "short"
let started = Date()

@MainActor func section(_ title: String, _ body: () throws -> [String]) {
  say("== \(title)")
  do {
    let result = try body()
    lines += result
    for line in result { say(line) }
  } catch {
    say("FAILED: \(title): \(error)")
    exit(1)
  }
}

if ["all", "crash-loop"].contains(options.what) {
  section("crash loop") {
    let f = try CrashLoop(
      journey: options.journey, work: options.work, iterations: options.long ? 1000 : 100, seed: options.seed
    ).run()
    return [
      "| crash loop (SIGKILL of appends at random moments, queries killed mid-checkpoint) | \(f.iterations) iterations, \(f.acknowledged) acknowledged events, **\(f.lost) lost**, \(f.changed) changed; \(f.tornTailsRepaired) torn tails repaired (\(f.bytesRemoved) bytes removed); \(f.rotations) segment rotations; \(f.checkpointKills) queries killed; verify passed after every crash; checkpoints equal a full rebuild |"
    ]
  }
}
if ["all", "concurrency"].contains(options.what) {
  section("concurrency") {
    let f = try ConcurrencyRun(
      journey: options.journey, work: options.work, seconds: options.long ? 60 : 10, writers: 8, readers: 4
    ).run()
    return [
      "| concurrency (8 writer and 4 reader processes at once) | \(Int(f.seconds)) s: \(f.writerProcesses) writer processes, \(f.acknowledged) acknowledged appends, all present once (\(f.missing) missing, \(f.duplicates) duplicated), positions gapless; \(f.readerQueries) reader queries, \(f.readerErrors.count) errors; checkpoints from concurrent readers equal a full rebuild |"
    ]
  }
}
if ["all", "faults"].contains(options.what) {
  section("faults and hostile input") {
    let f = try Faults(journey: options.journey, work: options.work).run()
    var rows = [
      "| full disk (\(f.fullDiskMethod)) | refused with `\(f.fullDisk)`; ledger unchanged and valid; the next append after freeing space succeeded |",
      "| read-only ledger | append refused with `\(f.readOnly)`; read and verify still answer |",
      "| unreadable segment | `\(f.unreadable)` |",
    ]
    rows += f.hostile.map {
      "| hostile input: \($0.0) | `\($0.1)`; peak \(String(format: "%.0f", $0.2)) MiB; nothing appended |"
    }
    return rows
  }
}

let header = [
  "<!-- figures:begin (written by journey-reliability --write-docs; do not edit by hand) -->",
  "Last run: \(ISO8601DateFormatter().string(from: started)), \(mode) mode (`journey-reliability \(options.what) --\(mode)`), \(Int(Date().timeIntervalSince(started))) s.",
  "",
  "| check | result |", "|---|---|",
]
let block = (header + lines + ["<!-- figures:end -->"]).joined(separator: "\n")
if let docs = options.docs {
  let text = (try? String(contentsOfFile: docs, encoding: .utf8)) ?? ""
  if let start = text.range(of: "<!-- figures:begin"), let end = text.range(of: "<!-- figures:end -->") {
    try block.write(toFile: docs, atomically: true, encoding: .utf8)
    let updated = text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: block)
    try updated.write(toFile: docs, atomically: true, encoding: .utf8)
  } else {
    try (text + "\n" + block + "\n").write(toFile: docs, atomically: true, encoding: .utf8)
  }
  say("wrote the figures to \(docs)")
}
say("reliability: all checks passed (\(mode) mode)")
