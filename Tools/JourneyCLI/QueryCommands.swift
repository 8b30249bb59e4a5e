import EventStore
import Foundation
import JourneyDomain
import Projections

/// Human labels for judgement areas.
enum Areas {
  static let labels: [String: String] = [
    "overall_effectiveness": "Overall effectiveness", "impact_of_leaders": "Impact of leaders",
    "help_and_protection": "Help and protection", "children_in_care_and_care_leavers": "Children in care and care leavers",
    "children_in_care": "Children in care", "care_leavers": "Care leavers", "looked_after_and_permanence": "Looked after and permanence",
    "adoption": "Adoption", "leadership_management_governance": "Leadership, management and governance",
  ]
  static let order = [
    "overall_effectiveness", "impact_of_leaders", "leadership_management_governance", "help_and_protection",
    "children_in_care_and_care_leavers", "children_in_care", "looked_after_and_permanence", "care_leavers", "adoption",
  ]

  static func label(_ area: String) -> String { labels[area] ?? area }

  static func sorted(_ areas: some Sequence<String>) -> [String] {
    areas.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
  }
}

/// `journey history`: the judgement history of an authority.
enum HistoryCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "history", summary: "inspections and judgements, with the grades in force and direction of travel",
    usage: "journey history --authority A [--as-of DATE] [--known-at DATE] [--effective publication|fieldwork-end] [--format F]",
    discussion: "A judgement takes effect on publication (or, with --effective fieldwork-end, at the end of fieldwork).",
    options: QueryContext.options + [OptionSpec("effective", value: "RULE", help: "publication (default) or fieldwork-end")],
    examples: ["journey history --authority Trafford", "journey history --authority 358 --as-of 2020-01-01 --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let query = try QueryContext(parsed, context: context, command: spec.name)
    let rule = try effectiveRule(parsed)
    let state = try query.replay(JudgementHistory())
    output(state, query: query, rule: rule).emit(query.format, console: context.console)
    return .success
  }

  static func effectiveRule(_ parsed: ParsedArguments) throws(CLIError) -> EffectiveDate {
    guard let text = parsed.value("effective") else { return .publication }
    guard let rule = EffectiveDate(rawValue: text) else {
      throw .usage("invalid value '\(text)' for --effective: expected publication or fieldwork-end")
    }
    return rule
  }

  static func output(_ state: JudgementHistory.State, query: QueryContext, rule: EffectiveDate) -> QueryOutput {
    let stream = query.authority.stream
    let inspections = state.inspections(stream: stream)
    let inForce = state.inForce(stream: stream, on: query.date, rule: rule)
    var rows: [[String]] = []
    var json: [JSON] = []
    for inspection in inspections {
      let directions = Dictionary(uniqueKeysWithValues: state.direction(of: inspection, stream: stream).map { ($0.area, $0) })
      for area in Areas.sorted(inspection.judgements.keys) {
        let d = directions[area]
        rows.append([
          inspection.fieldworkStart + "…" + inspection.fieldworkEnd, inspection.published ?? "unknown",
          inspection.inspectionType, Areas.label(area), Grades.short(inspection.judgements[area]!), d?.direction ?? "",
        ])
      }
      var item = ViewJSON.inspection(inspection)
      if case .object(var members) = item {
        members["direction"] = .object(Dictionary(uniqueKeysWithValues: directions.map { ($0.key, JSON.string($0.value.direction)) }))
        item = .object(members)
      }
      json.append(item)
    }
    let table = Table(
      title: "Inspections", columns: ["Fieldwork", "Published", "Type", "Judgement", "Grade", "Direction"], rows: rows,
      notes: inspections.map { "\($0.id): \($0.citations.joined(separator: "; "))" })
    let inForceTable = inForceTable(inForce)
    let heading = ["Judgement history for \(query.authority.name) (\(query.authority.stream)), \(query.axes)"]
    return QueryOutput(
      heading: heading, tables: [table, inForceTable],
      json: [
        "query": query.axesJSON, "effective_rule": .string(rule.rawValue), "inspections": .array(json),
        "in_force": inForceJSON(inForce),
      ])
  }

  static func inForceTable(_ inForce: GradesInForce?) -> Table {
    guard let inForce else {
      return Table(title: "Grades in force", columns: ["Judgement", "Grade"], rows: [], notes: ["No judgement was in force on this date."])
    }
    let rows = Areas.sorted(inForce.inspection.judgements.keys).map { [Areas.label($0), inForce.inspection.judgements[$0]!] }
    return Table(
      title: "Grades in force on \(inForce.date)", columns: ["Judgement", "Grade"], rows: rows,
      notes: ["From the inspection of \(inForce.inspection.fieldworkStart)…\(inForce.inspection.fieldworkEnd), in force since \(inForce.since) (\(inForce.basis))."])
  }

  static func inForceJSON(_ inForce: GradesInForce?) -> JSON {
    guard let inForce else { return .null }
    return [
      "date": .string(inForce.date), "since": .string(inForce.since), "basis": .string(inForce.basis),
      "rule": .string(inForce.rule.rawValue), "inspection": .string(inForce.inspection.id),
      "judgements": .object(inForce.inspection.judgements.mapValues(JSON.string)),
    ]
  }
}

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

/// `journey projections`: the registered projections.
enum ProjectionsCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "projections", summary: "list the registered projections and their versions",
    usage: "journey projections [--json]", options: [CommonOptions.json, CommonOptions.format],
    examples: ["journey projections"])

  static let registered: [(name: String, version: Int, summary: String, types: Set<String>)] = [
    (JudgementHistory.name, JudgementHistory.version, JudgementHistory.summary, JudgementHistory.eventTypes),
    (VisitTimeline.name, VisitTimeline.version, VisitTimeline.summary, VisitTimeline.eventTypes),
    (WorkforceStability.name, WorkforceStability.version, WorkforceStability.summary, WorkforceStability.eventTypes),
    (AuditQuality.name, AuditQuality.version, AuditQuality.summary, AuditQuality.eventTypes),
    (AllMeasures.name, AllMeasures.version, AllMeasures.summary, AllMeasures.eventTypes),
    (Readiness.name, Readiness.version, Readiness.summary, Readiness.eventTypes),
    (Evidence.name, Evidence.version, Evidence.summary, Evidence.eventTypes),
    (ReReferralTrend.name, ReReferralTrend.version, ReReferralTrend.summary, ReReferralTrend.eventTypes),
  ]

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let table = Table(
      columns: ["Projection", "Version", "Reads", "Shows"],
      rows: registered.map { [$0.name, String($0.version), $0.types.subtracting(FactSet.correctingTypes).sorted().joined(separator: ", "), $0.summary] })
    let json = JSON.array(registered.map { p in
      ["name": .string(p.name), "version": .number(Double(p.version)), "summary": .string(p.summary), "event_types": .array(p.types.sorted().map(JSON.string))]
    })
    QueryOutput(tables: [table], json: json).emit(try OutputFormat.from(parsed), console: context.console)
    return .success
  }
}
