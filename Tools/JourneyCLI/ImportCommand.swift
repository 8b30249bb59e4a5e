import EventStore
import Foundation
import JourneyDomain

/// `journey import`: dispatches to `import events`, `import csww` and `import ilacs`.
enum ImportCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "import", summary: "import domain events (events) or national data files (csww, ilacs)",
    usage: "journey import events|csww|ilacs FILE --ledger DIR",
    discussion: "Run 'journey import events --help' (or csww, ilacs) for each kind.",
    options: [], examples: ["journey import events examples/sample-ledger/*.jsonl --ledger /tmp/ledger"])

  static var kinds: [String: (spec: CommandSpec, run: ([String], CommandContext) throws -> ExitStatus)] {
    [
      "events": (ImportEventsCommand.spec, ImportEventsCommand.run),
      "csww": (ImportCSWWCommand.spec, ImportCSWWCommand.run),
      "ilacs": (ImportILACSCommand.spec, ImportILACSCommand.run),
    ]
  }

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    guard let kind = arguments.first else {
      throw CLIError.usage("say what to import: events, csww or ilacs", hint: "usage: \(spec.usage)")
    }
    guard let command = kinds[kind] else {
      let hint = Suggestions.nearest(to: kind, in: kinds.keys.sorted(), limit: 1).first.map { "did you mean '\($0)'?" }
      throw CLIError.usage("unknown import kind '\(kind)'; expected events, csww or ilacs", hint: hint)
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      context.console.print(command.spec.help)
      return .success
    }
    return try command.run(rest, context)
  }
}
