import EventStore
import Foundation
import JourneyBenchKit
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
  if !condition { throw CheckFailure(message()) }
}

func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// Runs `journey` to completion.
func journeyRun(_ journey: String, _ arguments: [String], stdin: String = "") throws -> (Int32, String, String) {
  let result = try PipedProcess(journey, arguments, stdin: stdin).finish()
  return (result.status, result.stdout, result.stderr)
}

/// A valid domain event line for the store's `append` (a workforce figure for Trafford).
func figureLine(id: String, value: Double, year: Int) -> String {
  let census = String(format: "%04d-09-30", year)
  return
    #"{"id":"\#(id)","type":"workforce_figure","v":2,"stream":"la:358","valid":{"from":"\#(census)","to":"\#(census)"},"data":{"measure":"turnover_rate","value":\#(value),"unit":"percent","period":"as at \#(census)","source_kind":"dfe_statistics","basis":"fte"},"meta":{"reported":"\#(year + 1)-02-27","source":{"file":"reliability","lines":"1","quote":"\#(id)"}}}"#
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
