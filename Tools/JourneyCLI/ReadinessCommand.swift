import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey readiness`: the re-inspection readiness score and its components.
enum ReadinessCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "readiness", summary: "re-inspection readiness score (0-100) with weighted, sourced components",
    usage: "journey readiness --authority A [--as-of DATE] [--known-at DATE] [--format F]",
    discussion: "No official score exists: this is an explainable evidence profile (docs/PROJECTIONS.md).",
    options: QueryContext.options, examples: ["journey readiness --authority Trafford --as-of 2022-09-30"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let query = try QueryContext(try parse(arguments), context: context, command: spec.name)
    let score = try query.replay(Readiness()).score(stream: query.authority.stream, on: query.date)
    output(score, query: query).emit(query.format, console: context.console)
    return .success
  }

  static func output(_ score: ReadinessScore, query: QueryContext) -> QueryOutput {
    let rows = score.components.map { c in
      [c.name.replacingOccurrences(of: "_", with: " "), String(format: "%.0f", c.weight), c.value.map { String(format: "%.0f", $0) } ?? "no evidence", c.explanation]
    }
    let total = score.score.map { String(format: "%.0f / 100", $0) } ?? "no evidence"
    return QueryOutput(
      heading: ["Re-inspection readiness for \(query.authority.name), \(query.axes): \(total)"],
      tables: [Table(title: "Components", columns: ["Component", "Weight", "Value", "Evidence"], rows: rows,
        notes: ["Events: " + score.components.flatMap(\.evidence).joined(separator: ", ")])],
      json: ["query": query.axesJSON, "readiness": json(score)])
  }

  static func json(_ score: ReadinessScore) -> JSON {
    [
      "score": ViewJSON.number(score.score), "date": .string(score.date),
      "components": .array(score.components.map { c in
        [
          "name": .string(c.name), "weight": .number(c.weight), "value": ViewJSON.number(c.value),
          "explanation": .string(c.explanation), "evidence": .array(c.evidence.map(JSON.string)),
        ]
      }),
    ]
  }
}
