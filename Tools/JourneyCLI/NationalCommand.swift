import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey national`: questions across every authority.
enum NationalCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "national", summary: "questions across all authorities: judgements in force, ranking by a measure",
    usage: "journey national judgements|rank [--measure M] [--rising N] [--as-of DATE] [--known-at DATE] [--ledger DIR] [--format F]",
    discussion: """
      judgements: every authority's grades in force on the date.
      rank: authorities ranked by the latest DfE statistic of --measure (turnover_rate by default,
      FTE basis) by that date, with the change from the year before; --rising N keeps only those
      whose value rose N years running. Import the national files first ('journey import csww',
      'journey import ilacs').
      """,
    options: [
      CommonOptions.queryLedger, OptionSpec("measure", value: "M", help: "workforce measure for rank (default turnover_rate)"),
      OptionSpec("rising", value: "N", help: "only authorities whose measure rose N years running"),
    ] + QueryContext.timeOptions + [CommonOptions.format, CommonOptions.json],
    examples: [
      "journey national judgements --ledger /tmp/national",
      "journey national rank --measure turnover_rate --rising 3 --ledger /tmp/national",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    guard let question = parsed.operands.first, ["judgements", "rank"].contains(question) else {
      throw CLIError.usage("say which national question: judgements or rank", hint: "usage: \(spec.usage)")
    }
    let ledger = try LedgerLocation.forReading(parsed, context: context)
    let asOf = try QueryContext.date(parsed.value("as-of"), option: "as-of") ?? QueryContext.today
    let filter = ReplayFilter(asOf: asOf, knownAt: try QueryContext.date(parsed.value("known-at"), option: "known-at"))
    let engine = ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay)
    let format = try OutputFormat.from(parsed)
    let output = question == "judgements"
      ? try judgements(engine.run(JudgementHistory(), filter: filter).state, date: asOf)
      : try rank(engine.run(WorkforceStability(), filter: filter).state, parsed: parsed, date: asOf)
    output.emit(format, console: context.console)
    return .success
  }

  static var localAuthorities: [Authority] { AuthorityRegistry.shared.all.filter { $0.kind == .localAuthority } }

  static func judgements(_ state: JudgementHistory.State, date: String) -> QueryOutput {
    let rows = localAuthorities.compactMap { authority -> (Authority, GradesInForce)? in
      state.inForce(stream: authority.stream, on: date).map { (authority, $0) }
    }
    let table = Table(
      title: "Judgements in force on \(date)", columns: ["Authority", "Since", "Overall", "Leaders", "Help & protection", "In care"],
      rows: rows.map { a, g in
        let j = g.inspection.judgements
        return [a.name, g.since, j["overall_effectiveness"].map(Grades.short) ?? "-", j["impact_of_leaders"].map(Grades.short) ?? "-",
          j["help_and_protection"].map(Grades.short) ?? "-",
          (j["children_in_care"] ?? j["children_in_care_and_care_leavers"]).map(Grades.short) ?? "-"]
      })
    let json: JSON = [
      "date": .string(date),
      "authorities": .array(rows.map { a, g in
        ["authority": .string(a.name), "stream": .string(a.stream), "in_force": HistoryCommand.inForceJSON(g)]
      }),
    ]
    return QueryOutput(heading: ["\(rows.count) authorities with a judgement in force on \(date)"], tables: [table], json: json)
  }

  static func rank(_ state: WorkforceStability.State, parsed: ParsedArguments, date: String) throws(CLIError) -> QueryOutput {
    let measure = parsed.value("measure") ?? "turnover_rate"
    guard Checks.workforceMeasureNames.contains(measure) else {
      let hint = Suggestions.nearest(to: measure, in: Checks.workforceMeasureNames, limit: 1).first.map { "did you mean \($0)?" }
      throw .usage("unknown measure '\(measure)'", hint: hint)
    }
    let rising = try parsed.integer("rising", in: 1...20)
    let key = "workforce/\(measure)/dfe_statistics"
    var ranked: [(Authority, [MeasurePoint])] = []
    for authority in localAuthorities {
      let points = (state.series(stream: authority.stream, asOf: date)[key] ?? []).filter { $0.value != nil }
      guard !points.isEmpty else { continue }
      if let rising, !risesRunning(points, years: rising) { continue }
      ranked.append((authority, points))
    }
    ranked.sort { ($0.1.last!.value!, $0.0.name) > ($1.1.last!.value!, $1.0.name) }
    let rows = ranked.enumerated().map { i, entry -> [String] in
      let (a, points) = entry
      let last = points.last!
      let change = points.count > 1 ? last.value! - points[points.count - 2].value! : nil
      return [String(i + 1), a.name, last.period, last.display, change.map { String(format: "%+.1f", $0) } ?? "", points.suffix(4).map(\.display).joined(separator: " → ")]
    }
    let title = "Authorities by \(measure.replacingOccurrences(of: "_", with: " ")) (DfE statistics, FTE), latest by \(date)"
      + (rising.map { ", rising \($0) years running" } ?? "")
    let json: JSON = [
      "date": .string(date), "measure": .string(measure), "rising": rising.map { .number(Double($0)) } ?? .null,
      "authorities": .array(ranked.map { a, points in
        ["authority": .string(a.name), "stream": .string(a.stream), "series": .array(points.map(ViewJSON.point))]
      }),
    ]
    return QueryOutput(
      heading: [title], tables: [Table(columns: ["#", "Authority", "Period", "Value", "Change", "Recent"], rows: rows)], json: json)
  }

  /// Whether the last `years` changes were all rises.
  static func risesRunning(_ points: [MeasurePoint], years: Int) -> Bool {
    guard points.count > years else { return false }
    let tail = points.suffix(years + 1).map { $0.value! }
    return zip(tail, tail.dropFirst()).allSatisfy { $0 < $1 }
  }
}
