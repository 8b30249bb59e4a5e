import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey diff`: what changed between two dates.
enum DiffCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "diff", summary: "what changed for an authority between two dates",
    usage: "journey diff --authority A --from DATE --to DATE [--known-at DATE] [--format F]",
    options: [
      CommonOptions.queryLedger, OptionSpec("authority", value: "A", help: "authority"),
      OptionSpec("from", value: "DATE", help: "the earlier date"),
      OptionSpec("to", value: "DATE", help: "the later date"),
      OptionSpec("known-at", value: "DATE", help: "only facts reported by DATE"), CommonOptions.format,
      CommonOptions.json,
    ],
    examples: ["journey diff --authority Trafford --from 2021-09-01 --to 2022-07-31"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    var parsed = try parse(arguments)
    let from = try QueryContext.date(parsed.required("from", for: spec.name), option: "from")!
    let to = try QueryContext.date(parsed.required("to", for: spec.name), option: "to")!
    guard from < to else { throw CLIError.usage("--from (\(from)) must be before --to (\(to))") }
    parsed.values["as-of"] = [to]
    let query = try QueryContext(parsed, context: context, command: spec.name)
    let views = try AuthorityViews(query)
    let stream = query.authority.stream
    let changes = ChangesBetween.grades(views.judgements, stream: stream, from: from, to: to)
    let byArea = Dictionary(uniqueKeysWithValues: changes.map { ($0.area, $0) })
    let gradeRows = Areas.sorted(byArea.keys).map { area in
      [
        Areas.label(area), byArea[area]!.from.map(Grades.short) ?? "not graded then",
        byArea[area]!.to.map(Grades.short) ?? "not graded then",
      ]
    }
    let events = views.timeline.entries(stream: stream, asOf: to).filter { $0.date > from }
    let measureRows = measureChanges(views, stream: stream, from: from, to: to)
    let json: JSON = [
      "query": query.axesJSON, "from": .string(from), "to": .string(to),
      "grades": .array(gradeRows.map { ["judgement": .string($0[0]), "from": .string($0[1]), "to": .string($0[2])] }),
      "events": .array(events.map(ViewJSON.entry)),
      "measures": .array(
        measureRows.map { ["measure": .string($0[0]), "from": .string($0[1]), "to": .string($0[2])] }),
    ]
    QueryOutput(
      heading: [
        "\(query.authority.name): what changed between \(from) and \(to)"
          + (query.filter.knownAt.map { ", as known at \($0)" } ?? "")
      ],
      tables: [
        Table(
          title: "Grades in force", columns: ["Judgement", from, to], rows: gradeRows,
          notes: gradeRows.isEmpty ? ["No change in the grades in force."] : []),
        Table(
          title: "Events", columns: ["Date", "Event", "Source"],
          rows: events.map { [$0.date, $0.title, Citation.short($0.citation)] }),
        Table(title: "Latest figures", columns: ["Measure", "At \(from)", "At \(to)"], rows: measureRows),
      ],
      json: json
    ).emit(query.format, console: context.console)
    return .success
  }

  /// The rows of the figures whose latest reading changed (`ChangesBetween.figures`).
  static func measureChanges(_ v: AuthorityViews, stream: String, from: String, to: String) -> [[String]] {
    ChangesBetween.figures(v.measures.facts, stream: stream, from: from, to: to).map { c in
      [SeriesLabel.text(c.series), c.from.map(AnswerViews.reading) ?? "-", AnswerViews.reading(c.to)]
    }
  }
}
