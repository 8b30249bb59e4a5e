import EventStore
import Foundation
import JourneyBenchKit
import JourneyDomain

// journey-bench: measures the ledger on a synthetic national ledger against baselines measured in
// the same run on the same bytes, and writes BENCHMARKS.md.
//
//   swift run -c release journey-bench [--events N] [--seed S] [--sizes 100000,300000,1000000,3000000,10000000]
//                                      [--work DIR] [--out BENCHMARKS.md] [--no-growth] [--single-batch N]
//                                      [--light-above N]
//
// Each measured step runs in a child process (`journey-bench step …`) so that its peak memory is
// its own. Timing belongs here, never in tests.

#if DEBUG
  FileHandle.standardError.write(
    Data("warning: debug build; run 'swift run -c release journey-bench' for real figures\n".utf8))
#endif

struct Options {
  var events = 1_000_000
  var seed: UInt64 = 20_261_124
  var sizes = [100_000, 300_000, 1_000_000, 3_000_000, 10_000_000]
  /// Growth sizes above this are measured lightly: replay, and one cold and one warm query (no
  /// median of five), and their ledgers are removed afterwards to spare the disk.
  var lightAbove = 3_000_000
  var work = FileManager.default.temporaryDirectory.path + "/journey-bench"
  var out = "BENCHMARKS.md"
  var growth = true
  /// Lines in the single batch timed through `journey append`.
  var singleBatch = 300_000

  static func parse(_ args: [String]) -> Options {
    var o = Options()
    var i = 0
    func value() -> String {
      i += 1
      guard i < args.count else { fail("missing value for \(args[i - 1])") }
      return args[i]
    }
    while i < args.count {
      switch args[i] {
      case "--events": o.events = Int(value()) ?? { fail("--events takes a whole number") }()
      case "--seed": o.seed = UInt64(value()) ?? { fail("--seed takes a whole number") }()
      case "--sizes":
        o.sizes = value().split(separator: ",").map {
          Int($0) ?? { fail("--sizes takes numbers like 100000,300000") }()
        }
      case "--work": o.work = value()
      case "--out": o.out = value()
      case "--no-growth": o.growth = false
      case "--light-above": o.lightAbove = Int(value()) ?? { fail("--light-above takes a whole number") }()
      case "--single-batch": o.singleBatch = Int(value()) ?? { fail("--single-batch takes a whole number") }()
      case "--help", "-h":
        print(
          "usage: journey-bench [--events N] [--seed S] [--sizes A,B,...] [--work DIR] [--out FILE] [--no-growth] [--single-batch N] [--light-above N]"
        )
        exit(0)
      default: fail("unknown option '\(args[i])'")
      }
      i += 1
    }
    return o
  }
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  exit(64)
}

func log(_ message: String) { FileHandle.standardError.write(Data((message + "\n").utf8)) }

/// `journey-bench step NAME ARGS`: one measured step, printing its figures as JSON.
func runStep(_ args: [String]) throws {
  let name = args.first ?? ""
  let rest = Array(args.dropFirst())
  let result: JSON
  switch name {
  case "generate": result = try BenchSteps.generate(ledger: rest[0], events: Int(rest[1])!, seed: UInt64(rest[2])!)
  case "latency": result = try BenchSteps.latency(ledger: rest[0], count: Int(rest[1])!)
  case "replay": result = try BenchSteps.replay(ledger: rest[0])
  case "jsondecoder": result = try BenchSteps.jsonDecoder(ledger: rest[0])
  case "readsplit": result = try BenchSteps.readSplit(ledger: rest[0])
  case "import": result = try BenchSteps.importPlan(csv: rest[0])
  default: fail("unknown step '\(name)'")
  }
  print(result.serialized())
}

if CommandLine.arguments.dropFirst().first == "step" {
  do { try runStep(Array(CommandLine.arguments.dropFirst(2))) } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
  }
  exit(0)
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let harness = Harness(options: options)
do { try harness.run() } catch {
  fail("\(error)")
}
