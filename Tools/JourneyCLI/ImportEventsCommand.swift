import EventStore
import Foundation
import JourneyDomain

/// `journey import events`: validated domain events from JSON lines, as one atomic batch.
enum ImportEventsCommand {
  static let spec = CommandSpec(
    name: "import events", summary: "append domain events from JSON lines as one atomic batch",
    usage: "journey import events FILE|- [FILE…] --ledger DIR",
    discussion: """
      Each line is {"id", "type", "authority", "reported", "source", "data"} (docs/EVENTS.md). Every
      line is validated first; one invalid line and nothing is appended, and the error names the
      file, line and field. Several files are one batch, read in the order given, so an event may
      refer to an event of another file. Events already in the ledger with identical content are
      skipped, so importing the same files twice appends nothing.
      """,
    options: [CommonOptions.ledger],
    examples: [
      "journey import events examples/sample-ledger/*.jsonl --ledger /tmp/trafford",
      "cat new-facts.jsonl | journey import events - --ledger /tmp/trafford",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
    guard !parsed.operands.isEmpty else {
      throw CLIError.usage("expected a FILE (or - for stdin)", hint: "usage: \(spec.usage)")
    }
    guard parsed.operands.filter({ $0 == "-" }).count <= 1 else {
      throw CLIError.usage("stdin (-) can be read only once", hint: "usage: \(spec.usage)")
    }
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let inputs = try parsed.operands.map { operand throws(CLIError) -> (text: String, name: String) in
      let (text, name) = try InputFile.read(operand, context: context)
      return (text, name)
    }
    let batch = ImportBatch(inputs)
    let events: [DomainEvent]
    var knownIDs: Set<String>? = nil
    do {
      events = try EventLine.parseBatch(batch.text) { id in
        if knownIDs == nil { knownIDs = ledgerIDs(ledger) }
        return knownIDs!.contains(id)
      }
    } catch {
      throw CLIError.failure(
        batch.locate(error), hint: error.hint ?? "nothing was appended; fix the line and run the import again")
    }
    guard !events.isEmpty else { throw CLIError.failure("\(batch.names) holds no events") }
    let result = try appendDomainEvents(events, ledgerPath: ledger, context: context)
    context.console.message(
      "read \(events.count) events from \(batch.names): appended \(result.appended), already present \(events.count - result.appended); head is position \(result.head.position)"
    )
    return .success
  }
}
