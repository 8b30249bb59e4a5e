import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey readiness`: the re-inspection readiness score and its components.
enum ReadinessCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "readiness", summary: "re-inspection readiness components, scored 0-100 when 4 of 6 have evidence",
    usage: "journey readiness --authority A [--as-of DATE] [--known-at DATE] [--format F]",
    discussion: """
      No official score exists: this is an explainable evidence profile (docs/PROJECTIONS.md). It
      says how many of the six components have evidence, and gives a single score only when at
      least 4 do.
      """,
    options: QueryContext.options, examples: ["journey readiness --authority Trafford --as-of 2022-09-30"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let query = try QueryContext(try parse(arguments), context: context, command: spec.name)
    let score = try query.replay(Readiness()).score(stream: query.authority.stream, on: query.date)
    output(score, query: query).emit(query.format, console: context.console)
    return .success
  }

  static func output(_ score: ReadinessScore, query: QueryContext) -> QueryOutput {
    let rows = score.components.map { c in
      [
        c.name.replacingOccurrences(of: "_", with: " "), String(format: "%.0f", c.weight),
        c.value.map { String(format: "%.0f", $0) } ?? "no evidence", c.explanation,
      ]
    }
    return QueryOutput(
      heading: [
        "Re-inspection readiness for \(query.authority.name), \(query.axes): \(AnswerViews.readinessHeadline(score))"
      ],
      tables: [
        Table(
          title: "Components", columns: ["Component", "Weight", "Value", "Evidence"], rows: rows,
          notes: ["Events: " + score.components.flatMap(\.evidence).joined(separator: ", ")])
      ],
      json: ["query": query.axesJSON, "readiness": json(score)])
  }

  static func json(_ score: ReadinessScore) -> JSON {
    [
      "score": ViewJSON.number(score.score), "date": .string(score.date),
      "components_with_evidence": .number(Double(score.componentsWithEvidence)),
      "minimum_components": .number(Double(Readiness.minimumComponents)), "summary": .string(score.evidenceSummary),
      "components": .array(
        score.components.map { c in
          [
            "name": .string(c.name), "weight": .number(c.weight), "value": ViewJSON.number(c.value),
            "explanation": .string(c.explanation), "evidence": .array(c.evidence.map(JSON.string)),
          ]
        }),
    ]
  }
}
