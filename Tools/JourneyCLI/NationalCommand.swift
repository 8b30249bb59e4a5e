import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey national`: questions across every authority.
enum NationalCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "national", summary: "questions across all authorities: judgements in force, ranking by a measure",
    usage:
      "journey national judgements|rank [--measure M] [--source dfe|local] [--rising N] [--as-of DATE] [--known-at DATE] [--ledger DIR] [--format F]",
    discussion: """
      judgements: every authority's grades in force on the date.
      rank: authorities ranked by their latest reading of --measure (turnover_rate by default) by
      that date, from DfE statistics (--source dfe, FTE basis; import them with 'journey import
      csww') or the councils' own figures (--source local: local MI and figures given to Ofsted;
      audit measures such as percent_good_or_better read all audits). Like with like: readings of
      different kinds of period are ranked in separate tables. Each row shows its period and
      source; --rising N keeps only authorities whose value rose N readings running.
      """,
    options: [
      CommonOptions.queryLedger,
      OptionSpec(
        "measure", value: "M",
        help:
          "measure for rank: a workforce measure (default turnover_rate), or percent_good_or_better, percent_requires_improvement_or_better or percent_inadequate with --source local"
      ),
      OptionSpec("source", value: "S", help: "dfe (DfE statistics, default) or local (the councils' own figures)"),
      OptionSpec("rising", value: "N", help: "only authorities whose measure rose N readings running"),
    ] + QueryContext.timeOptions + [CommonOptions.format, CommonOptions.json],
    examples: [
      "journey national judgements --ledger /tmp/national",
      "journey national rank --measure turnover_rate --rising 3 --ledger /tmp/national",
      "journey national rank --measure agency_rate --source local",
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
    let output =
      question == "judgements"
      ? try judgements(engine.run(JudgementHistory(), filter: filter).state, date: asOf)
      : try rank(engine.run(AllMeasures(), filter: filter).state.facts, parsed: parsed, date: asOf)
    output.emit(format, console: context.console)
    return .success
  }

  static var localAuthorities: [Authority] { AuthorityRegistry.shared.all.filter { $0.kind == .localAuthority } }

  static func judgements(_ state: JudgementHistory.State, date: String) -> QueryOutput {
    let rows = localAuthorities.compactMap { authority -> (Authority, GradesInForce)? in
      state.inForce(stream: authority.stream, on: date).map { (authority, $0) }
    }
    let table = Table(
      title: "Judgements in force on \(date)", columns: ["Authority", "Since"] + Grades.columns.map(\.label),
      rows: rows.map { a, g in
        [a.name, g.since] + Grades.columns.map { g.inspection.entry(forAny: $0.areas).entry.short }
      })
    let json: JSON = [
      "date": .string(date),
      "authorities": .array(
        rows.map { a, g in
          ["authority": .string(a.name), "stream": .string(a.stream), "in_force": HistoryCommand.inForceJSON(g)]
        }),
    ]
    return QueryOutput(
      heading: ["\(rows.count) authorities with a judgement in force on \(date)"], tables: [table], json: json)
  }

  /// The measures `rank` accepts: workforce measures, and overall audit measures (local only).
  static var rankMeasures: [String] { Checks.workforceMeasureNames + RankingQuery.auditMeasures.sorted() }

  static func rankingQuery(_ parsed: ParsedArguments, date: String) throws(CLIError) -> RankingQuery {
    let measure = parsed.value("measure") ?? "turnover_rate"
    guard rankMeasures.contains(measure) else {
      let hint = Suggestions.nearest(to: measure, in: rankMeasures, limit: 1).first.map { "did you mean \($0)?" }
      throw .usage("unknown measure '\(measure)'", hint: hint)
    }
    let sourceText = parsed.value("source") ?? "dfe"
    guard let source = RankingSource(rawValue: sourceText) else {
      throw .usage("invalid value '\(sourceText)' for --source: expected dfe or local")
    }
    if source == .dfe && RankingQuery.auditMeasures.contains(measure) {
      throw .usage("DfE statistics hold no audit results", hint: "use --source local for \(measure)")
    }
    return RankingQuery(measure: measure, source: source, date: date, rising: try parsed.integer("rising", in: 1...20))
  }

  static func rank(_ facts: FactSet, parsed: ParsedArguments, date: String) throws(CLIError) -> QueryOutput {
    let query = try rankingQuery(parsed, date: date)
    let names = Dictionary(localAuthorities.map { ($0.stream, $0.name) }, uniquingKeysWith: { a, _ in a })
    let groups = NationalRanking.rank(facts, streams: localAuthorities.map(\.stream), query)
    let sourceText =
      query.source == .dfe ? "DfE statistics, FTE" : "councils' own figures: local MI and figures given to Ofsted"
    let title =
      "Authorities by \(query.measure.replacingOccurrences(of: "_", with: " ")) (\(sourceText)), latest by \(date)"
      + (query.rising.map { ", rising \($0) readings running" } ?? "")
    let direction = MeasureDirection.of(series: "x/\(query.measure)/x")
    let tables = groups.map { group in
      Table(
        title: "Latest readings, \(group.periodKind); \(direction.rawValue)",
        columns: ["#", "Authority", "Period", "Value", "Change", "Series", "Source", "Recent"],
        rows: group.entries.map { e in
          [
            String(e.rank), names[e.stream] ?? e.stream, e.latest.period, e.latest.displayWithChange,
            e.change.map { String(format: "%+.1f", $0) } ?? "",
            SeriesLabel.text(e.series), Citation.short(e.latest.citation),
            e.readings.suffix(4).map(\.display).joined(separator: " → "),
          ]
        })
    }
    let notes =
      groups.count > 1
      ? [
        "Authorities whose latest readings cover different kinds of period are ranked in separate tables, never against each other."
      ] : []
    let json: JSON = [
      "date": .string(date), "measure": .string(query.measure), "source": .string(query.source.rawValue),
      "rising": query.rising.map { .number(Double($0)) } ?? .null, "direction": .string(direction.rawValue),
      "groups": .array(
        groups.map { group in
          [
            "period_kind": .string(group.periodKind),
            "authorities": .array(
              group.entries.map { e in
                [
                  "rank": .number(Double(e.rank)), "authority": .string(names[e.stream] ?? e.stream),
                  "stream": .string(e.stream),
                  "series": .string(e.series), "change": ViewJSON.number(e.change), "latest": ViewJSON.point(e.latest),
                  "readings": .array(e.readings.map(ViewJSON.point)),
                ]
              }),
          ]
        }),
    ]
    let empty = groups.isEmpty ? ["No authority in the ledger has \(query.measure) from \(sourceText) by \(date)."] : []
    return QueryOutput(heading: [title] + notes + empty, tables: tables, json: json)
  }
}
