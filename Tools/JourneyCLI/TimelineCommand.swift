import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey timeline`: the journey in date order, readable, with sources.
enum TimelineCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "timeline", summary: "the journey in date order: inspections, visits, reviews, notices, with sources",
    usage: "journey timeline --authority A [--as-of DATE] [--known-at DATE] [--format F]",
    options: QueryContext.options,
    examples: ["journey timeline --authority Trafford", "journey timeline --authority Bury --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let query = try QueryContext(try parse(arguments), context: context, command: spec.name)
    let state = try query.replay(VisitTimeline())
    let entries = state.entries(stream: query.authority.stream, asOf: query.filter.asOf)
    let intervals = state.intervals(stream: query.authority.stream, asOf: query.filter.asOf)
    let json: JSON = [
      "query": query.axesJSON, "entries": .array(entries.map(ViewJSON.entry)),
      "intervals": AnswerViews.intervalsJSON(intervals),
    ]
    switch query.format {
    case .json: context.console.print(QueryOutput.naming(context.console.ledgerRead, in: json).serialized())
    case .csv:
      let table = Table(
        title: "Journey", columns: ["date", "end", "type", "title", "source", "source_title", "quote"],
        rows: entries.map {
          [$0.date, $0.end ?? "", $0.type, $0.title, $0.citation, $0.sourceTitle ?? "", $0.quote ?? ""]
        })
      let sections = intervals.isEmpty ? [table] : [table, AnswerViews.intervalsTable(intervals)]
      context.console.write(Table.sectionedCSV(heading: [heading(query), "Ledger: \(query.ledger)"], tables: sections))
    case .table:
      context.console.print("\(heading(query))\nLedger: \(query.ledger)\n")
      for entry in entries { context.console.print(render(entry, state: state)) }
      if entries.isEmpty { context.console.print("(no events)") }
      if !intervals.isEmpty { context.console.print(AnswerViews.intervalsTable(intervals).render()) }
    }
    return .success
  }

  /// The first line of the answer: whose journey, on which time axes.
  static func heading(_ query: QueryContext) -> String {
    "Journey of \(query.authority.name) (\(query.authority.stream)), \(query.axes)"
  }

  static func render(_ e: TimelineEntry, state: VisitTimeline.State) -> String {
    var lines = [e.date + (e.end.map { " … \($0)" } ?? "") + "  " + e.title]
    for detail in e.details.prefix(4) {
      lines.append(contentsOf: Table.wrap("- " + detail, width: 86).map { "      " + $0 })
    }
    let source = [e.sourceTitle, Citation.short(e.citation)].compactMap { $0 }.joined(separator: ", ")
    lines.append(
      contentsOf: Table.wrap("source: \(source)" + (e.reported.map { ", reported \($0)" } ?? ""), width: 86).map {
        "      " + $0
      })
    if let quote = e.quote { lines.append(contentsOf: Table.wrap("“\(quote)”", width: 86).map { "      " + $0 }) }
    if !e.conflicts.isEmpty { lines.append("      conflicts with: \(e.conflicts.joined(separator: ", "))") }
    return lines.joined(separator: "\n") + "\n"
  }
}
