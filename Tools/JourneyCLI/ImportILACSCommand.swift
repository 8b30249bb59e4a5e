import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey import ilacs`: the Ofsted ILACS inspection history file.
enum ImportILACSCommand {
  static let spec = CommandSpec(
    name: "import ilacs", summary: "import the Ofsted ILACS inspection history CSV",
    usage: "journey import ilacs FILE|- --ledger DIR [--released DATE] [--authority A ...] [--skip-bad-rows]",
    discussion: """
      Each report becomes an ILACS inspection, known from its publication date. Authorities are
      found by Ofsted URN, else by name (Ofsted's lower-case 'bristol', 'durham', 'kingston upon
      hull' match exactly after normalisation; an unknown name is an error with suggestions).
      Lower-case grades become Ofsted's exact strings; the file's markers
      (inspection_pre_dates_judgement, not_reported_post_reform, data_unreadable, empty) are
      recorded as absent judgements with their meaning, never as grades. Any other grade word is
      an error naming its line and column, except 'to requires improvement' (read as Requires
      improvement to be good, the source's words kept). A report with grades but no fieldwork
      dates takes its publication date as its period, marked so; one with no readable grade at all
      (mostly before 2018) is listed as not importable. Two rows for one inspection stop the import
      with both lines. A report of an inspection the ledger already holds from another source (same
      authority; the same publication date, or fieldwork overlapping one that states no publication
      date) is appended as a restatement of it, one inspection with several sources; the summary
      names each link. Re-importing appends nothing; a later edition of the file whose grades differ
      appends a revision known from --released (default today). FILE - reads standard input.
      """,
    options: NationalImport.options + [
      OptionSpec(
        "released", value: "DATE",
        help: "the date of this edition of the file: when its revisions became known (default today)")
    ],
    examples: [
      "journey import ilacs examples/data/ofsted_csc_ilacs_history_north_west.csv --ledger /tmp/national",
      "journey import ilacs ofsted_csc_ilacs_history.csv --ledger /tmp/national --released 2026-08-21",
      "curl -sL URL | journey import ilacs - --ledger /tmp/national --released 2026-08-21",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let released = try releaseDate(parsed)
    let input = try NationalImport.file(parsed, usage: spec.usage, context: context)
    defer { input.remove() }
    var importer = ILACSImporter(
      path: input.path, released: released, policy: parsed.flag("skip-bad-rows") ? .skip : .stop)
    importer.selection = try NationalImport.selection(parsed)
    let facts = try NationalImport.replayedFacts(ledger)
    importer.held = NationalImport.heldInspections(facts)
    let current = NationalImport.currentFacts(facts)
    return try NationalImport.run(file: input.operand, ledger: ledger, context: context) {
      (deliver) throws(DomainError) in
      try importer.plan(current: { current[$0] }, deliver: { deliver(CanonicalEvent($0.newEvent)) })
    }
  }

  /// `--released`, else today.
  static func releaseDate(_ parsed: ParsedArguments) throws(CLIError) -> Day {
    let text = parsed.value("released") ?? QueryContext.today
    do { return try Day(iso: text) } catch {
      throw .usage("invalid date '\(text)' for --released: expected YYYY-MM-DD")
    }
  }
}
