import EventStore
import Foundation

/// `journey verify`: checks every record and the whole hash chain.
enum VerifyCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "verify", summary: "check every record and the whole hash chain",
    usage: "journey verify [--ledger DIR] [--json]",
    discussion: """
      Prints the record count, the last position and the head hash. On any damage (a flipped bit,
      a deleted, duplicated or reordered record, a truncated middle, a missing segment) exits 1
      naming the first bad position and byte offset.
      """,
    options: [CommonOptions.queryLedger, CommonOptions.json],
    examples: ["journey verify --ledger /tmp/demo", "journey verify --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let path = try LedgerLocation.forReading(parsed, context: context)
    var bar = ProgressBar(console: context.console, label: "verify", total: 0, unit: "B")
    let report = try Verifier.verify(at: path) { done, total in
      bar.total = total
      bar.update(done)
    }
    bar.finish()
    if parsed.flag("json") {
      let json: JSON = [
        "ok": true, "records": .number(Double(report.records)), "last_position": .number(Double(report.lastPosition)),
        "head_hash": .string(report.headHash), "segments": .number(Double(report.segments)),
        "bytes": .number(Double(report.bytes)),
      ]
      context.console.print(json.serialized())
    } else {
      context.console.print(
        "ok: \(report.records) records in \(report.segments) segment\(report.segments == 1 ? "" : "s") (\(report.bytes) bytes)"
      )
      context.console.print("last position: \(report.lastPosition)")
      context.console.print("head hash: \(report.headHash)")
    }
    return .success
  }
}
