import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey history`: the judgement history of an authority.
enum HistoryCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "history", summary: "inspections and judgements, with the grades in force and direction of travel",
    usage:
      "journey history --authority A [--as-of DATE] [--known-at DATE] [--effective publication|fieldwork-end] [--format F]",
    discussion:
      "A judgement takes effect on publication (or, with --effective fieldwork-end, at the end of fieldwork).",
    options: QueryContext.options + [
      OptionSpec("effective", value: "RULE", help: "publication (default) or fieldwork-end")
    ],
    examples: ["journey history --authority Trafford", "journey history --authority 358 --as-of 2020-01-01 --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let query = try QueryContext(parsed, context: context, command: spec.name)
    let rule = try effectiveRule(parsed)
    let state = try query.replay(JudgementHistory())
    let intervals = try query.replay(VisitTimeline()).intervals(stream: query.authority.stream, asOf: query.filter.asOf)
    output(state, query: query, rule: rule, intervals: intervals).emit(query.format, console: context.console)
    return .success
  }

  static func effectiveRule(_ parsed: ParsedArguments) throws(CLIError) -> EffectiveDate {
    guard let text = parsed.value("effective") else { return .publication }
    guard let rule = EffectiveDate(rawValue: text) else {
      throw .usage("invalid value '\(text)' for --effective: expected publication or fieldwork-end")
    }
    return rule
  }

  static func output(
    _ state: JudgementHistory.State, query: QueryContext, rule: EffectiveDate, intervals: [JourneyInterval]
  ) -> QueryOutput {
    let stream = query.authority.stream
    let inspections = state.inspections(stream: stream)
    let status = state.status(stream: stream, on: query.date, rule: rule)
    let inForce = status.inForce
    var rows: [[String]] = []
    var json: [JSON] = []
    for inspection in inspections {
      let directions = Dictionary(
        uniqueKeysWithValues: state.direction(of: inspection, stream: stream).map { ($0.area, $0) })
      for (area, entry) in inspection.entries {
        rows.append([
          fieldwork(inspection), inspection.published ?? "unknown",
          inspection.inspectionType, Areas.label(area), entry.short, directions[area]?.direction ?? "",
        ])
      }
      var item = ViewJSON.inspection(inspection)
      if case .object(var members) = item {
        members["direction"] = .object(
          Dictionary(uniqueKeysWithValues: directions.map { ($0.key, JSON.string($0.value.direction)) }))
        item = .object(members)
      }
      json.append(item)
    }
    let table = Table(
      title: "Inspections", columns: ["Fieldwork", "Published", "Type", "Judgement", "Grade", "Direction"], rows: rows,
      notes: inspections.map { "\($0.id): \($0.citations.joined(separator: "; "))" })
    let inForceTable = inForceTable(status, name: query.authority.name)
    let heading = ["Judgement history for \(query.authority.name) (\(query.authority.stream)), \(query.axes)"]
    return QueryOutput(
      heading: heading, tables: [table, inForceTable, AnswerViews.intervalsTable(intervals)],
      json: [
        "query": query.axesJSON, "effective_rule": .string(rule.rawValue), "inspections": .array(json),
        "in_force": inForceJSON(inForce), "status": AnswerViews.statusJSON(status, name: query.authority.name),
        "intervals": AnswerViews.intervalsJSON(intervals),
      ])
  }

  /// The grades in force, with what the ledger says beside them.
  ///
  /// Beside them: an inspection done whose report is pending, or that the ledger holds no
  /// inspection. A judgement without a grade shows why.
  static func inForceTable(_ status: InspectionStatus, name: String) -> Table {
    guard let inForce = status.inForce else {
      return Table(
        title: "Grades in force", columns: ["Judgement", "Grade"], rows: [], notes: [status.statement(name)])
    }
    let rows = inForce.inspection.entries.map { [Areas.label($0.area), $0.entry.text] }
    let period =
      inForce.inspection.periodFromPublication
      ? [
        "The source gives no fieldwork dates for this inspection; its publication date (\(inForce.inspection.published ?? inForce.since)) stands for them."
      ]
      : []
    return Table(
      title: "Grades in force on \(inForce.date)", columns: ["Judgement", "Grade"], rows: rows,
      notes: [status.statement(name)] + period)
  }

  /// The fieldwork dates, or that the source gives none (the period is the publication date).
  static func fieldwork(_ inspection: InspectionView) -> String {
    inspection.periodFromPublication ? "not in source" : inspection.fieldworkStart + "…" + inspection.fieldworkEnd
  }

  /// Area → why there is no grade, for every judgement the inspection shows without one.
  static func absentJSON(_ inspection: InspectionView) -> JSON {
    .object(
      Dictionary(
        uniqueKeysWithValues: inspection.entries.compactMap { area, entry in
          if case .absent(let reason) = entry { return (area, JSON.string(reason)) }
          return nil
        }))
  }

  static func inForceJSON(_ inForce: GradesInForce?) -> JSON {
    guard let inForce else { return .null }
    return [
      "date": .string(inForce.date), "since": .string(inForce.since), "basis": .string(inForce.basis),
      "since_text": .string(inForce.sinceText), "publication_known": .bool(!inForce.inspection.publicationUnknown),
      "rule": .string(inForce.rule.rawValue), "inspection": .string(inForce.inspection.id),
      "judgements": .object(inForce.inspection.judgements.mapValues(JSON.string)),
      "judgements_absent": absentJSON(inForce.inspection),
    ]
  }
}
