import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey view NAME`: any registered projection's view of one authority, with no command of its own.
enum ViewCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "view", summary: "any registered projection's view of an authority",
    usage: "journey view NAME --authority A [--as-of DATE] [--known-at DATE] [--recorded-before TIME] [--format F]",
    discussion: """
      NAME is a projection's name as 'journey projections' lists it. The projection is replayed
      under the query's time filters and its rows are printed as a table, CSV or JSON (numbers stay
      numbers in JSON). A new projection appears here once it is added to ProjectionRegistry.all.
      """,
    options: QueryContext.options,
    examples: ["journey view re-referral-trend --authority Trafford", "journey view readiness --authority Bury --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    guard let name = arguments.first, !name.hasPrefix("-") else {
      throw CLIError.usage("say which projection to show", hint: "one of: \(names.joined(separator: ", "))")
    }
    guard let projection = ProjectionRegistry.named(name) else {
      let near = Suggestions.nearest(to: name, in: names)
      throw CLIError.usage(
        "no projection named '\(name)'",
        hint: near.isEmpty
          ? "one of: \(names.joined(separator: ", "))" : "did you mean \(near.joined(separator: " or "))?")
    }
    let query = try QueryContext(try parse(Array(arguments.dropFirst())), context: context, command: spec.name)
    let output = try view(projection, query: query)
    output.emit(query.format, console: context.console)
    return .success
  }

  /// The names of the registered projections.
  static var names: [String] { ProjectionRegistry.all.map { $0.name } }

  /// Replays `type` for the query and lays its rows out as a table and as JSON objects.
  static func view<P: ShownProjection>(_ type: P.Type, query: QueryContext) throws -> QueryOutput {
    let projection = P()
    let rows = projection.rows(try query.replay(projection), stream: query.authority.stream, on: query.date)
    let table = Table(
      columns: P.columns.map { $0.replacingOccurrences(of: "_", with: " ").capitalizedFirstLetter },
      rows: rows.map { $0.map(cellText) })
    let json: JSON = [
      "query": query.axesJSON, "projection": .string(P.name), "version": .number(Double(P.version)),
      "rows": .array(
        rows.map { row in .object(Dictionary(uniqueKeysWithValues: zip(P.columns, row).map { ($0, $1) })) }),
    ]
    return QueryOutput(
      heading: ["\(P.name) for \(query.authority.name), \(query.axes): \(P.summary)"], tables: [table], json: json)
  }

  /// A cell as table text: strings as they are, whole numbers without a decimal point, null empty.
  static func cellText(_ cell: JSON) -> String {
    switch cell {
    case .string(let s): return Citation.short(s)
    case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(format: "%.1f", n)
    case .bool(let b): return b ? "yes" : "no"
    case .null: return ""
    default: return cell.serialized()
    }
  }
}
