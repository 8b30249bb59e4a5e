import EventStore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writers and readers against one ledger at once, for a while.
struct ConcurrencyRun {
  let journey: String
  let work: String
  let seconds: Double
  let writers: Int
  let readers: Int

  struct Figures {
    var seconds = 0.0
    var writerProcesses = 0
    var acknowledged = 0
    var readerQueries = 0
    var readerErrors: [String] = []
    var duplicates = 0
    var missing = 0
  }

  final class Shared: @unchecked Sendable {
    let lock = NSLock()
    var figures = Figures()
    var acknowledged: [String: Int] = [:]
  }

  func run() throws -> Figures {
    let ledger = try freshDirectory(work + "/concurrency") + "/ledger"
    _ = try journeyRun(
      journey, ["append", "--ledger", ledger, "--segment-bytes", "65536"],
      stdin: figureLine(id: "seed", value: 1, year: 2000) + "\n")
    let shared = Shared()
    let deadline = Date().addingTimeInterval(seconds)
    let group = DispatchGroup()
    for w in 0..<writers {
      group.enter()
      Thread.detachNewThread {
        var round = 0
        while Date() < deadline {
          let lines = (0..<40).map { figureLine(id: "w\(w)-\(round)-\($0)", value: Double($0), year: 1960 + $0) }
          if let (status, out, err) = try? journeyRun(
            journey, ["append", "--ledger", ledger, "--batch-size", String(1 + round % 5)],
            stdin: lines.joined(separator: "\n") + "\n")
          {
            let acks = out.split(separator: "\n").compactMap { Int($0) }
            shared.lock.lock()
            shared.figures.writerProcesses += 1
            if status != 0 { shared.figures.readerErrors.append("writer: \(err)") }
            for (j, position) in acks.enumerated() { shared.acknowledged["w\(w)-\(round)-\(j)"] = position }
            shared.figures.acknowledged += acks.count
            shared.lock.unlock()
          }
          round += 1
        }
        group.leave()
      }
    }
    for r in 0..<readers {
      group.enter()
      Thread.detachNewThread {
        var n = 0
        while Date() < deadline {
          let args =
            n % 4 == 3
            ? ["read", "--ledger", ledger, "--type", "workforce_figure", "--limit", "50"]
            : ["state", "--authority", "Trafford", "--ledger", ledger, "--as-of", "2030-01-01", "--json"]
          let result = try? journeyRun(journey, args)
          shared.lock.lock()
          shared.figures.readerQueries += 1
          if let (status, out, err) = result {
            if status != 0 || out.isEmpty {
              shared.figures.readerErrors.append("reader \(r) \(args[0]): \(status) \(err)")
            }
          } else {
            shared.figures.readerErrors.append("reader \(r): could not start")
          }
          shared.lock.unlock()
          n += 1
        }
        group.leave()
      }
    }
    group.wait()
    var figures = shared.figures
    figures.seconds = seconds
    let report = try Verifier.verify(at: ledger)
    var seen: [String: Int] = [:]
    try LedgerReader(at: ledger).forEach { view in
      seen[view.id, default: 0] += 1
      return true
    }
    figures.duplicates = seen.values.filter { $0 > 1 }.count
    let records = try recordsByID(ledger)
    figures.missing = shared.acknowledged.filter { records[$0.key]?.0 != $0.value }.count
    try require(report.records == seen.values.reduce(0, +), "verify and the reader disagree on the record count")
    try require(figures.duplicates == 0, "\(figures.duplicates) events stored twice")
    try require(figures.missing == 0, "\(figures.missing) acknowledged appends missing or moved")
    try require(figures.readerErrors.isEmpty, "errors: \(figures.readerErrors.prefix(3))")
    try require(try checkpointsAgree(ledger), "checkpoints written by concurrent readers differ from a full rebuild")
    return figures
  }
}
