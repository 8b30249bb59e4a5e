import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey export`: facts as CSV or JSON lines for spreadsheets, DuckDB or R.
enum ExportCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "export", summary: "export facts as CSV or JSON lines for spreadsheets, DuckDB or R",
    usage:
      "journey export --format csv|jsonl [--authority A] [--as-of DATE] [--known-at DATE] [--recorded-before TIME] [--excel] [--out FILE]",
    discussion: """
      One row per fact as the views show it (corrections applied, retracted and outvoted facts left
      out), with its valid period, reported date and source. Numbers are JSON numbers in JSON lines
      and plain numbers in CSV; an empty CSV cell is a JSON null. A corrected fact says what it was
      corrected from and by which correction (corrected_from, corrected_by). CSV cells that a
      spreadsheet would run as a formula (starting with =, +, -, @ followed by text) get a leading
      apostrophe; --excel starts the CSV with a UTF-8 byte order mark so that Excel reads it as UTF-8.
      """,
    options: [
      CommonOptions.queryLedger, OptionSpec("authority", value: "A", help: "only this authority (default: all)"),
      OptionSpec("format", value: "FORMAT", help: "csv or jsonl"),
      OptionSpec("out", value: "FILE", help: "write to FILE instead of stdout"),
      OptionSpec("excel", help: "start the CSV with a UTF-8 byte order mark (for Excel)"),
    ] + QueryContext.timeOptions,
    examples: [
      "journey export --format csv --authority Trafford > trafford.csv",
      "journey export --format jsonl --out all.jsonl",
      "journey export --format csv --excel --out trafford.csv --authority Trafford",
    ])

  /// The columns of an export, in order, with the JSON type of their values (null when empty).
  static let columns: [(name: String, kind: ColumnKind)] = [
    ("id", .text), ("type", .text), ("authority", .text), ("stream", .text), ("valid_from", .text), ("valid_to", .text),
    ("reported", .text), ("measure", .text), ("value", .number), ("value_high", .number), ("qualifier", .text),
    ("unit", .text),
    ("period", .text), ("n", .number), ("not_available", .text), ("derived", .boolean), ("summary", .text),
    ("corrected_from", .text), ("corrected_by", .text), ("source_file", .text), ("source_lines", .text),
    ("quote", .text),
    ("change", .text),
  ]

  /// The JSON type of a column's values.
  enum ColumnKind { case text, number, boolean }

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    guard let format = parsed.value("format"), ["csv", "jsonl"].contains(format) else {
      throw CLIError.usage("--format csv or --format jsonl is required")
    }
    if parsed.flag("excel") && format != "csv" { throw CLIError.usage("--excel applies to --format csv only") }
    let facts = try exportedFacts(parsed, context: context)
    let rows = facts.map(row)
    let out = format == "csv" ? (parsed.flag("excel") ? "\u{FEFF}" : "") + csv(rows) : jsonLines(rows)
    if let path = parsed.value("out") {
      try OutputFile.write(Array(out.utf8), to: LedgerLocation.absolute(path, context))
      context.console.message("exported \(facts.count) facts from \(context.console.ledgerRead ?? "") to \(path)")
    } else {
      context.console.write(out)
    }
    return .success
  }

  /// The facts the views show under the query's time filters, for one authority or all.
  static func exportedFacts(_ parsed: ParsedArguments, context: CommandContext) throws -> [Fact] {
    let ledger = try LedgerLocation.forReading(parsed, context: context)
    let authority = try parsed.value("authority").map { (text) throws(CLIError) in try QueryContext.resolve(text) }
    let filter = ReplayFilter(
      asOf: try QueryContext.date(parsed.value("as-of"), option: "as-of"),
      knownAt: try QueryContext.date(parsed.value("known-at"), option: "known-at"),
      recordedBefore: try QueryContext.recordedBefore(parsed.value("recorded-before")),
      streams: authority.map { [$0.stream] })
    let state = try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay).run(Evidence(), filter: filter).state
    return state.facts.all.filter { $0.retractedBy == nil && !state.facts.isOutvoted($0.id) }
  }

  /// The CSV: a header, then one line per row; numbers plain, null empty.
  static func csv(_ rows: [[JSON]]) -> String {
    Table(columns: columns.map(\.name), rows: rows.map { $0.map(cell) }).csv()
  }

  /// One JSON object per line, members named after the columns.
  static func jsonLines(_ rows: [[JSON]]) -> String {
    rows.map { row in JSON.object(Dictionary(uniqueKeysWithValues: zip(columns.map(\.name), row))).serialized() + "\n" }
      .joined()
  }

  /// A value as a CSV cell: numbers as JSON writes them, true/false, null empty.
  static func cell(_ value: JSON) -> String {
    switch value {
    case .null: ""
    case .string(let text): text
    default: value.serialized()
    }
  }

  /// One fact's values, in column order, typed as `columns` says.
  static func row(_ f: Fact) -> [JSON] {
    let point = MeasureSeries.point(f, facts: FactSet())
    let source = f.source
    let text = { (s: String?) -> JSON in s.map(JSON.string) ?? .null }
    return [
      .string(f.id), .string(f.type), .string(AuthorityRegistry.shared.authority(stream: f.stream)?.name ?? f.stream),
      .string(f.stream),
      text(f.valid?.from), text(f.valid?.to), text(f.reported), text(point.map { SeriesLabel.text($0.series) }),
      point?.value.map(JSON.number) ?? .null,
      point == nil ? .null : f.data["value_high"]?.numberValue.map(JSON.number) ?? .null,
      text(point?.qualifier), text(point?.unit), text(point?.period), point?.n.map { .number(Double($0)) } ?? .null,
      text(point?.notAvailable), point.map { .bool($0.derived) } ?? .null,
      text(point == nil ? TimelineEntry.title(f.type, f.data) : nil), text(CorrectionNote.correctedFrom(f)),
      f.corrections.isEmpty ? .null : .string(f.corrections.joined(separator: " ")),
      text(source?["file"]?.stringValue), text(source?["lines"]?.stringValue), text(source?["quote"]?.stringValue),
      text(f.changeDescription),
    ]
  }
}
