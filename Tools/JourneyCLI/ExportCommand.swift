import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey export`: facts as CSV or JSON lines for spreadsheets, DuckDB or R.
enum ExportCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "export", summary: "export facts as CSV or JSON lines for spreadsheets, DuckDB or R",
    usage: "journey export --format csv|jsonl [--authority A] [--as-of DATE] [--known-at DATE] [--out FILE]",
    discussion: """
      One row per fact as the views show it (corrections applied, retracted and outvoted facts left
      out), with its valid period, reported date and source. CSV cells that a spreadsheet would run
      as a formula (starting with =, +, -, @ followed by text) get a leading apostrophe.
      """,
    options: [
      CommonOptions.queryLedger, OptionSpec("authority", value: "A", help: "only this authority (default: all)"),
      OptionSpec("format", value: "FORMAT", help: "csv or jsonl"), OptionSpec("out", value: "FILE", help: "write to FILE instead of stdout"),
    ] + QueryContext.timeOptions,
    examples: ["journey export --format csv --authority Trafford > trafford.csv", "journey export --format jsonl --out all.jsonl"])

  static let columns = ["id", "type", "authority", "stream", "valid_from", "valid_to", "reported", "measure", "value", "unit", "period", "summary", "source_file", "source_lines", "quote"]

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    guard let format = parsed.value("format"), ["csv", "jsonl"].contains(format) else {
      throw CLIError.usage("--format csv or --format jsonl is required")
    }
    let ledger = LedgerLocation.forReading(parsed, context: context)
    let authority = try parsed.value("authority").map { (text) throws(CLIError) in try QueryContext.resolve(text) }
    let filter = ReplayFilter(
      asOf: try QueryContext.date(parsed.value("as-of"), option: "as-of"), knownAt: try QueryContext.date(parsed.value("known-at"), option: "known-at"),
      streams: authority.map { [$0.stream] })
    let state = try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay).run(Evidence(), filter: filter).state
    let facts = state.facts.all.filter { $0.retractedBy == nil && !state.facts.isOutvoted($0.id) }
    var out = ""
    if format == "csv" {
      out = Table(columns: columns, rows: facts.map(row)).csv()
    } else {
      for fact in facts {
        let values = row(fact)
        out += JSON.object(Dictionary(uniqueKeysWithValues: zip(columns, values.map(JSON.string)))).serialized() + "\n"
      }
    }
    if let path = parsed.value("out") {
      try OutputFile.write(Array(out.utf8), to: LedgerLocation.absolute(path, context))
      context.console.message("exported \(facts.count) facts to \(path)")
    } else {
      context.console.write(out)
    }
    return .success
  }

  static func row(_ f: Fact) -> [String] {
    let point = MeasureSeries.point(f, facts: FactSet())
    let source = f.source
    return [
      f.id, f.type, AuthorityRegistry.shared.authority(stream: f.stream)?.name ?? f.stream, f.stream, f.valid?.from ?? "", f.valid?.to ?? "",
      f.reported ?? "", point.map { SeriesLabel.text($0.series) } ?? "", point?.value.map { $0.rounded() == $0 ? String(Int($0)) : String($0) } ?? "",
      point?.unit ?? "", point?.period ?? "", point == nil ? TimelineEntry.title(f.type, f.data) : "", source?["file"]?.stringValue ?? "",
      source?["lines"]?.stringValue ?? "", source?["quote"]?.stringValue ?? "",
    ]
  }
}
