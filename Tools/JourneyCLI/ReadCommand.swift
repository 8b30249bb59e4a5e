import EventStore
import Foundation

/// `journey read`: prints stored records as JSON lines.
enum ReadCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "read", summary: "print stored records as JSON lines",
    usage: "journey read [--ledger DIR] [--from N] [--limit K] [--stream S] [--type T]",
    discussion: "Streams records in position order without holding the log in memory.",
    options: [
      CommonOptions.queryLedger,
      OptionSpec("from", value: "N", help: "first position to print (default 1)"),
      OptionSpec("limit", value: "K", help: "print at most K records"),
      OptionSpec("stream", value: "S", help: "only records of stream S (repeatable)", repeatable: true),
      OptionSpec("type", value: "T", help: "only records of type T (repeatable)", repeatable: true),
    ],
    examples: [
      "journey read --ledger /tmp/demo --from 40 --limit 5", "journey read --type ilacs_inspection | jq .data",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let path = try LedgerLocation.forReading(parsed, context: context)
    let from = try parsed.integer("from", in: 1...Int.max / 2) ?? 1
    let limit = try parsed.integer("limit", in: 0...Int.max / 2)
    var filter = ReadFilter(from: from)
    filter.streams = parsed.values["stream"].map(Set.init)
    filter.types = parsed.values["type"].map(Set.init)
    let reader = try LedgerReader(at: path)
    var printed = 0
    try reader.forEach(filter) { view in
      if let limit, printed >= limit { return false }
      context.console.write(String(decoding: view.bytes, as: UTF8.self) + "\n")
      printed += 1
      return true
    }
    return .success
  }
}
