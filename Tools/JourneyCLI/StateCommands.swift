import EventStore
import Foundation
import JourneyDomain
import Projections

/// The views `state` and `report` need, replayed in one pass.
struct AuthorityViews {
  var judgements: JudgementHistory.State
  var timeline: VisitTimeline.State
  var workforce: WorkforceStability.State
  var audits: AuditQuality.State
  var readiness: Readiness.State
  var evidence: Evidence.State
  var measures: AllMeasures.State

  /// Replays every view under the query's filters in one pass over the log. Two projections hold
  /// them all: readiness (judgements, timeline, workforce, audits) and evidence (every fact, of
  /// which the measures are a part), so a warm query loads two checkpoints.
  init(_ query: QueryContext) throws {
    let r = ProjectionRunner(Readiness())
    let e = ProjectionRunner(Evidence())
    try query.engine.run([r, e], filter: query.filter)
    readiness = r.state
    judgements = r.state.judgements
    timeline = r.state.timeline
    workforce = r.state.workforce
    audits = r.state.audits
    evidence = e.state
    measures = AllMeasures.State(facts: e.state.facts)
  }
}

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
    let inForce = v.judgements.inForce(stream: stream, on: query.date)
    let monitoring = v.timeline.monitoring(stream: stream, on: query.date)
    let latest = latestMeasures(v, query: query)
    let score = v.readiness.score(stream: stream, on: query.date)
    let conflicts = v.evidence.facts.knownDisagreements().filter { d in d.events.contains { v.evidence.facts[id: $0]?.stream == stream } }
    let visits = Table(
      title: "Monitoring since the last graded inspection",
      columns: ["Date", "Visit", "Source"],
      rows: monitoring.monitoringVisits.map { [$0.date, $0.title, Citation.short($0.citation)] },
      notes: [monitoring.daysSinceLastGraded.map { "\(DayMath.describe(days: $0)) since the last graded inspection's fieldwork ended (\(monitoring.lastGradedFieldworkEnd ?? ""))." } ?? "No graded inspection before this date."])
    let measures = Table(
      title: "Latest figures (periods ended by \(query.date))", columns: ["Measure", "Period", "Value", "England", "Source"],
      rows: latest.map { [$0.label, $0.point.period, $0.point.display + ($0.point.conflicts.isEmpty ? "" : " *"), $0.england?.display ?? "", Citation.short($0.point.citation)] },
      notes: latest.contains { !$0.point.conflicts.isEmpty } ? ["* sources disagree; see Conflicts"] : [])
    let readiness = Table(
      title: "Readiness: \(score.score.map { String(format: "%.0f / 100", $0) } ?? "no evidence")",
      columns: ["Component", "Weight", "Value", "Why"],
      rows: score.components.map { [$0.name.replacingOccurrences(of: "_", with: " "), String(format: "%.0f", $0.weight), $0.value.map { String(format: "%.0f", $0) } ?? "-", $0.explanation] })
    let conflictTable = ConflictView.table(conflicts, facts: v.evidence.facts)
    return QueryOutput(
      heading: ["State of \(query.authority.name) (\(stream)) \(query.axes)"],
      tables: [HistoryCommand.inForceTable(inForce), visits, measures, readiness, conflictTable],
      json: [
        "query": query.axesJSON, "in_force": HistoryCommand.inForceJSON(inForce),
        "monitoring": [
          "last_graded_inspection": ViewJSON.string(monitoring.lastGradedInspection),
          "days_since_last_graded": monitoring.daysSinceLastGraded.map { .number(Double($0)) } ?? .null,
          "visits": .array(monitoring.monitoringVisits.map(ViewJSON.entry)),
        ],
        "latest_figures": .array(latest.map { m in ["label": .string(m.label), "point": ViewJSON.point(m.point), "england": m.england.map(ViewJSON.point) ?? .null] }),
        "stability_index": .array(v.workforce.stabilityIndex(stream: stream, asOf: query.date).map { s in
          ["period": .string(s.period), "source_kind": .string(s.sourceKind), "index": .number(s.index), "evidence": .array(s.evidence.map(JSON.string))]
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

  /// The latest point of every workforce and audit series, with England's for the same measure.
  static func latestMeasures(_ v: AuthorityViews, query: QueryContext) -> [Latest] {
    let series = MeasureSeries.series(v.measures.facts, stream: query.authority.stream, asOf: query.date)
    let england = MeasureSeries.series(v.measures.facts, stream: AuthorityRegistry.shared.england.stream, asOf: query.date)
    return series.keys.sorted().compactMap { key in
      guard let last = series[key]?.last(where: { $0.value != nil }) ?? series[key]?.last else { return nil }
      let englandPoint = englandMatch(key, last, england)
      return Latest(label: SeriesLabel.text(key), point: last, england: englandPoint)
    }
  }

  /// England's point for the same series and period (or the latest one ending by then).
  static func englandMatch(_ key: String, _ point: MeasurePoint, _ england: [String: [MeasurePoint]]) -> MeasurePoint? {
    let candidates = england[key] ?? []
    return candidates.last { $0.from == point.from && $0.to == point.to } ?? candidates.last { $0.to <= point.to }
  }
}

/// Readable names for series keys.
enum SeriesLabel {
  static func text(_ key: String) -> String {
    let parts = key.split(separator: "/").map { $0.replacingOccurrences(of: "_", with: " ") }
    switch parts.first {
    case "workforce": return parts.dropFirst().joined(separator: ", ")
    case "audit": return "audit " + parts.dropFirst().joined(separator: ", ")
    case "indicator": return parts.dropFirst().joined(separator: ", ")
    default: return key
    }
  }
}

/// Conflicts between sources, with both sources shown.
enum ConflictView {
  static func table(_ conflicts: [Disagreement], facts: FactSet) -> Table {
    var rows: [[String]] = []
    for d in conflicts {
      let shown = facts.chosen(in: d)
      for id in d.events {
        guard let fact = facts[id: id] else { continue }
        rows.append([d.topic, id == shown ? "shown" : "kept", id, Citation.short(fact.citation), "“" + (fact.quote ?? "") + "”"])
      }
    }
    return Table(
      title: "Conflicts between sources", columns: ["Topic", "View", "Claim", "Source", "Quote"], rows: rows,
      notes: conflicts.map { "\($0.topic): \($0.rule)" })
  }
}

/// `journey compare`: each measure before and after a visit.
enum CompareCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "compare", summary: "each measure before and after a monitoring visit, with the change and evidence",
    usage: "journey compare --authority A (--visit ID | --around DATE) [--window 6m] [--known-at DATE] [--format F]",
    discussion: """
      Before: the last figure whose period ended before fieldwork began; after: the first whose
      period ended after fieldwork, each within the window (default 6 months; 12m, 90d also work).
      Only facts known at --known-at (default: all) are used. The gap in days is shown.
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
    let rows = comparisons(views.measures.facts, stream: query.authority.stream, start: start, end: end, windowDays: windowDays)
    let table = Table(
      title: "Before and after \(label)", columns: ["Measure", "Before", "After", "Change", "Gap"],
      rows: rows.map { r in
        [SeriesLabel.text(r.series), r.before.map { "\($0.display) (\($0.period))" } ?? "-", r.after.map { "\($0.display) (\($0.period))" } ?? "-",
         r.change.map { String(format: "%+.1f", $0) } ?? "", r.gap]
      },
      notes: ["Evidence: " + rows.flatMap { [$0.before?.id, $0.after?.id].compactMap { $0 } }.joined(separator: ", ")])
    let json: JSON = [
      "query": query.axesJSON, "anchor": ["label": .string(label), "from": .string(start), "to": .string(end)], "window_days": .number(Double(windowDays)),
      "measures": .array(rows.map { r in
        ["series": .string(r.series), "before": r.before.map(ViewJSON.point) ?? .null, "after": r.after.map(ViewJSON.point) ?? .null, "change": ViewJSON.number(r.change), "gap": .string(r.gap)]
      }),
    ]
    QueryOutput(heading: ["\(query.authority.name): measures around \(label), \(query.axes)"], tables: [table], json: json)
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

  static func anchor(_ parsed: ParsedArguments, views: AuthorityViews, query: QueryContext) throws(CLIError) -> (String, String, String) {
    if let id = parsed.value("visit") {
      let entries = views.timeline.entries(stream: query.authority.stream)
      guard let visit = entries.first(where: { $0.id == id }) else {
        let visits = entries.filter { $0.type.hasSuffix("visit") }.map(\.id)
        let hint = Suggestions.nearest(to: id, in: visits, limit: 1).first.map { "did you mean \($0)?" } ?? "visits: " + visits.joined(separator: ", ")
        throw .usage("no visit '\(id)' for \(query.authority.name)", hint: hint)
      }
      return (visit.date, visit.end ?? visit.date, "\(visit.title) [\(visit.date)]")
    }
    guard let around = try QueryContext.date(parsed.value("around"), option: "around") else {
      throw .usage("give --visit ID or --around DATE", hint: "'journey timeline --authority \(query.authority.name)' lists the visits")
    }
    return (around, around, around)
  }

  struct Row {
    var series: String
    var before: MeasurePoint?
    var after: MeasurePoint?
    var change: Double?
    var gap: String
  }

  static func comparisons(_ facts: FactSet, stream: String, start: String, end: String, windowDays: Int) -> [Row] {
    let earliest = DayMath.iso(DayMath.dayNumber(start)! - windowDays)
    let latest = DayMath.iso(DayMath.dayNumber(end)! + windowDays)
    return MeasureSeries.series(facts, stream: stream).keys.sorted().compactMap { key in
      let points = MeasureSeries.series(facts, stream: stream)[key]!.filter { $0.value != nil }
      let before = points.last { $0.to < start && $0.to >= earliest }
      let after = points.first { $0.to > end && $0.to <= latest }
      guard before != nil || after != nil else { return nil }
      let change = (before?.value).flatMap { b in (after?.value).map { ((($0 - b) * 10).rounded()) / 10 } }
      let gap = before.flatMap { b in after.flatMap { a in DayMath.days(from: b.to, to: a.to) } }.map { "\($0) days" } ?? ""
      return Row(series: key, before: before, after: after, change: change, gap: gap)
    }
  }
}

/// `journey diff`: what changed between two dates.
enum DiffCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "diff", summary: "what changed for an authority between two dates",
    usage: "journey diff --authority A --from DATE --to DATE [--known-at DATE] [--format F]",
    options: [CommonOptions.queryLedger, OptionSpec("authority", value: "A", help: "authority"),
      OptionSpec("from", value: "DATE", help: "the earlier date"), OptionSpec("to", value: "DATE", help: "the later date"),
      OptionSpec("known-at", value: "DATE", help: "only facts reported by DATE"), CommonOptions.format, CommonOptions.json],
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
    let before = views.judgements.inForce(stream: stream, on: from)
    let after = views.judgements.inForce(stream: stream, on: to)
    var gradeRows: [[String]] = []
    for area in Areas.sorted(Set((before?.inspection.judgements.keys).map(Array.init) ?? []).union(after?.inspection.judgements.keys ?? [:].keys)) {
      let a = before?.inspection.judgements[area]
      let b = after?.inspection.judgements[area]
      if a != b { gradeRows.append([Areas.label(area), a.map(Grades.short) ?? "-", b.map(Grades.short) ?? "-"]) }
    }
    let events = views.timeline.entries(stream: stream, asOf: to).filter { $0.date > from }
    let measureRows = measureChanges(views, stream: stream, from: from, to: to)
    let json: JSON = [
      "query": query.axesJSON, "from": .string(from), "to": .string(to),
      "grades": .array(gradeRows.map { ["judgement": .string($0[0]), "from": .string($0[1]), "to": .string($0[2])] }),
      "events": .array(events.map(ViewJSON.entry)),
      "measures": .array(measureRows.map { ["measure": .string($0[0]), "from": .string($0[1]), "to": .string($0[2])] }),
    ]
    QueryOutput(
      heading: ["\(query.authority.name): what changed between \(from) and \(to)" + (query.filter.knownAt.map { ", as known at \($0)" } ?? "")],
      tables: [
        Table(title: "Grades in force", columns: ["Judgement", from, to], rows: gradeRows, notes: gradeRows.isEmpty ? ["No change in the grades in force."] : []),
        Table(title: "Events", columns: ["Date", "Event", "Source"], rows: events.map { [$0.date, $0.title, Citation.short($0.citation)] }),
        Table(title: "Latest figures", columns: ["Measure", "At \(from)", "At \(to)"], rows: measureRows),
      ],
      json: json
    ).emit(query.format, console: context.console)
    return .success
  }

  static func measureChanges(_ v: AuthorityViews, stream: String, from: String, to: String) -> [[String]] {
    let atFrom = MeasureSeries.series(v.measures.facts, stream: stream, asOf: from)
    let atTo = MeasureSeries.series(v.measures.facts, stream: stream, asOf: to)
    return atTo.keys.sorted().compactMap { key in
      let a = atFrom[key]?.last
      let b = atTo[key]?.last
      guard a?.id != b?.id, let b else { return nil }
      return [SeriesLabel.text(key), a.map { "\($0.display) (\($0.period))" } ?? "-", "\(b.display) (\(b.period))"]
    }
  }
}
