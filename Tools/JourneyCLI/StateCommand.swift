import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey state`: every view of an authority as of a date.
enum StateCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "state", summary: "every view of an authority on a date: grades, visits, figures, readiness, conflicts",
    usage: "journey state --authority A --as-of DATE [--known-at DATE] [--recorded-before TIME] [--format F]",
    discussion: """
      --as-of is valid time (what was true on that date); --known-at is knowledge time (only facts
      reported by then); --recorded-before is the ledger's own record time. They combine.
      """,
    options: QueryContext.options,
    examples: [
      "journey state --authority Trafford --as-of 2020-01-01",
      "journey state --authority Trafford --as-of 2022-06-30 --known-at 2022-07-05 --json",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let query = try QueryContext(try parse(arguments), context: context, command: spec.name)
    let views = try AuthorityViews(query)
    output(views, query: query).emit(query.format, console: context.console)
    return .success
  }

  static func output(_ v: AuthorityViews, query: QueryContext) -> QueryOutput {
    let stream = query.authority.stream
    let status = v.judgements.status(stream: stream, on: query.date)
    let inForce = status.inForce
    let monitoring = v.timeline.monitoring(stream: stream, on: query.date)
    let cycles = v.timeline.monitoringCycles(stream: stream, on: query.date)
    let latest = latestMeasures(v, query: query)
    let facts = v.evidence.facts
    let shown = { (p: MeasurePoint) in CorrectionNote.annotated(p.display, id: p.id, facts: facts) }
    let score = v.readiness.score(stream: stream, on: query.date)
    let conflicts = v.evidence.facts.knownDisagreements().filter { d in
      d.events.contains { v.evidence.facts[id: $0]?.stream == stream }
    }
    let visits = Table(
      title: "Monitoring since the last graded inspection",
      columns: ["Date", "Visit", "Source"],
      rows: monitoring.monitoringVisits.map { [$0.date, $0.title, Citation.short($0.citation)] },
      notes: [
        monitoring.daysSinceLastGraded.map {
          "\(DayMath.describe(days: $0)) since the fieldwork of the graded inspection in force ended (\(monitoring.lastGradedFieldworkEnd ?? ""))."
        } ?? "No graded inspection in force on this date."
      ]
        + AnswerViews.cycleLines(cycles))
    let measures = Table(
      title: "Latest figures (periods ended, or figures as at a report date, by \(query.date))",
      columns: ["Measure", "Period", "Value", "England", "Source"],
      rows: latest.map {
        [
          $0.label, $0.point.period, shown($0.point) + ($0.point.conflicts.isEmpty ? "" : " *"),
          $0.england?.display ?? "", Citation.short($0.point.citation),
        ]
      },
      notes: latest.contains { !$0.point.conflicts.isEmpty } ? ["* sources disagree; see Conflicts"] : [])
    let readiness = Table(
      title: "Readiness: \(AnswerViews.readinessHeadline(score))",
      columns: ["Component", "Weight", "Value", "Why"],
      rows: score.components.map {
        [
          $0.name.replacingOccurrences(of: "_", with: " "), String(format: "%.0f", $0.weight),
          $0.value.map { String(format: "%.0f", $0) } ?? "-", $0.explanation,
        ]
      })
    let conflictTable = ConflictView.table(conflicts, facts: v.evidence.facts)
    return QueryOutput(
      heading: ["State of \(query.authority.name) (\(stream)) \(query.axes)"],
      tables: [
        HistoryCommand.inForceTable(status, name: query.authority.name), visits, measures, readiness, conflictTable,
      ],
      json: [
        "query": query.axesJSON, "in_force": HistoryCommand.inForceJSON(inForce),
        "status": AnswerViews.statusJSON(status, name: query.authority.name),
        "monitoring": [
          "cycles": AnswerViews.cyclesJSON(cycles),
          "last_graded_inspection": ViewJSON.string(monitoring.lastGradedInspection),
          "days_since_last_graded": monitoring.daysSinceLastGraded.map { .number(Double($0)) } ?? .null,
          "visits": .array(monitoring.monitoringVisits.map(ViewJSON.entry)),
        ],
        "latest_figures": .array(
          latest.map { m in
            [
              "label": .string(m.label), "point": ViewJSON.point(m.point),
              "england": m.england.map(ViewJSON.point) ?? .null,
              "correction": facts[id: m.point.id].flatMap { CorrectionNote.text($0) }.map(JSON.string) ?? .null,
            ]
          }),
        "stability_index": .array(
          v.workforce.stabilityIndex(stream: stream, asOf: query.date).map { s in
            [
              "period": .string(s.period), "source_kind": .string(s.sourceKind), "index": .number(s.index),
              "evidence": .array(s.evidence.map(JSON.string)),
            ]
          }),
        "readiness": ReadinessCommand.json(score),
        "conflicts": .array(conflicts.map { ViewJSON.disagreement($0, facts: v.evidence.facts) }),
      ])
  }

  struct Latest {
    var label: String
    var point: MeasurePoint
    var england: MeasurePoint?
  }

  /// The latest point of every series, with England's for the same measure (`LatestFigures`).
  static func latestMeasures(_ v: AuthorityViews, query: QueryContext) -> [Latest] {
    LatestFigures.latest(
      v.measures.facts, stream: query.authority.stream, englandStream: AuthorityRegistry.shared.england.stream,
      asOf: query.date
    ).map { Latest(label: SeriesLabel.text($0.series), point: $0.point, england: $0.england) }
  }
}
