import EventStore
import Foundation
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

/// A failed reliability check: what broke, stated plainly.
struct CheckFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
  if !condition { throw CheckFailure(message()) }
}

func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// A `journey` process started with piped stdin and stdout.
final class Running: @unchecked Sendable {
  let process = Process()
  let output = Pipe()
  let errors = Pipe()

  init(_ journey: String, _ arguments: [String], stdin: String, environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: journey)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = Data(stdin.utf8)
    DispatchQueue.global().async {
      try? input.fileHandleForWriting.write(contentsOf: data)
      try? input.fileHandleForWriting.close()
    }
  }

  func kill() { Glibc.kill(process.processIdentifier, SIGKILL) }

  /// Waits and returns (status, stdout, stderr).
  func finish() -> (Int32, String, String) {
    nonisolated(unsafe) var err = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      err = self.errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let out = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }
}

/// Runs `journey` to completion.
func journeyRun(_ journey: String, _ arguments: [String], stdin: String = "") throws -> (Int32, String, String) {
  try Running(journey, arguments, stdin: stdin).finish()
}

/// A valid domain event line for the store's `append` (a workforce figure for Trafford).
func figureLine(id: String, value: Double, year: Int) -> String {
  let census = String(format: "%04d-09-30", year)
  return #"{"id":"\#(id)","type":"workforce_figure","v":2,"stream":"la:358","valid":{"from":"\#(census)","to":"\#(census)"},"data":{"measure":"turnover_rate","value":\#(value),"unit":"percent","period":"as at \#(census)","source_kind":"dfe_statistics","basis":"fte"},"meta":{"reported":"\#(year + 1)-02-27","source":{"file":"reliability","lines":"1","quote":"\#(id)"}}}"#
}

/// Whether replaying with checkpoints gives the same state as a full rebuild.
func checkpointsAgree(_ ledger: String) throws -> Bool {
  let cached = try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay, useCheckpoints: true).run(Evidence()).state
  let full = try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay, useCheckpoints: false).run(Evidence()).state
  return cached == full
}

/// The records of a ledger by id: position and payload.
func recordsByID(_ ledger: String) throws -> [String: (Int, JSON)] {
  var result: [String: (Int, JSON)] = [:]
  try LedgerReader(at: ledger).forEach { view in
    let record = view.record()
    result[record.id] = (record.position, try record.data())
    return true
  }
  return result
}

/// A fresh folder under the work directory.
func freshDirectory(_ path: String) throws -> String {
  try? FileManager.default.removeItem(atPath: path)
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Whether this process runs as root (mounts and a second user are then possible).
var isRoot: Bool { getuid() == 0 }
