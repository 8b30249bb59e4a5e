import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey compare`: each measure before and after a visit.
enum CompareCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "compare", summary: "each measure before and after a monitoring visit, with the change and evidence",
    usage: "journey compare --authority A (--visit ID | --around DATE) [--window 6m] [--known-at DATE] [--format F]",
    discussion: """
      Like with like: the same measure over the same kind of period (quarter with quarter,
      financial year with financial year, month with month). Before: the latest reading whose
      period ended before fieldwork began; after: the earliest whose period ended after fieldwork,
      each within the window (default 6 months; 12m, 90d also work). Each change says better or
      worse by the measure's direction; readings on one side only, and the nearest ones just
      outside the window, are listed under the table. Only facts known at --known-at are used.
      """,
    options: QueryContext.options + [
      OptionSpec("visit", value: "ID", help: "the visit's event id (see 'journey timeline')"),
      OptionSpec("around", value: "DATE", help: "compare around a date instead of a visit"),
      OptionSpec("window", value: "SPAN", help: "how far to look either side: 6m (default), 1y, 90d"),
    ],
    examples: [
      "journey compare --authority Trafford --visit trafford-mv-2022-03",
      "journey compare --authority Trafford --around 2021-10-01 --window 12m --json",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let query = try QueryContext(parsed, context: context, command: spec.name)
    let windowDays = try window(parsed.value("window") ?? "6m")
    let views = try AuthorityViews(query)
    let (start, end, label) = try anchor(parsed, views: views, query: query)
    let comparison = BeforeAfter.compare(
      views.measures.facts,
      BeforeAfterQuery(stream: query.authority.stream, start: start, end: end, windowDays: windowDays))
    let table = AnswerViews.comparisonTable(comparison, title: "Before and after \(label)")
    var json = AnswerViews.comparisonJSON(comparison)
    if case .object(var members) = json {
      members["query"] = query.axesJSON
      members["anchor"] = ["label": .string(label), "from": .string(start), "to": .string(end)]
      json = .object(members)
    }
    QueryOutput(
      heading: ["\(query.authority.name): measures around \(label), \(query.axes)"], tables: [table], json: json
    )
    .emit(query.format, console: context.console)
    return .success
  }

  /// Days in a window like `6m`, `1y`, `90d`.
  static func window(_ text: String) throws(CLIError) -> Int {
    guard let unit = text.last, let n = Int(text.dropLast()), n > 0, n <= 120 else {
      throw .usage("invalid value '\(text)' for --window: expected e.g. 6m, 1y or 90d")
    }
    switch unit {
    case "d": return n
    case "m": return n * 31
    case "y": return n * 366
    default: throw .usage("invalid value '\(text)' for --window: expected e.g. 6m, 1y or 90d")
    }
  }

  static func anchor(_ parsed: ParsedArguments, views: AuthorityViews, query: QueryContext) throws(CLIError) -> (
    String, String, String
  ) {
    if let id = parsed.value("visit") {
      let entries = views.timeline.entries(stream: query.authority.stream)
      guard let visit = entries.first(where: { $0.id == id }) else {
        let visits = entries.filter { $0.type.hasSuffix("visit") }.map(\.id)
        let hint =
          Suggestions.nearest(to: id, in: visits, limit: 1).first.map { "did you mean \($0)?" } ?? "visits: "
          + visits.joined(separator: ", ")
        throw .usage("no visit '\(id)' for \(query.authority.name)", hint: hint)
      }
      return (visit.date, visit.end ?? visit.date, "\(visit.title) [\(visit.date)]")
    }
    guard let around = try QueryContext.date(parsed.value("around"), option: "around") else {
      throw .usage(
        "give --visit ID or --around DATE",
        hint: "'journey timeline --authority \(query.authority.name)' lists the visits")
    }
    return (around, around, around)
  }
}
