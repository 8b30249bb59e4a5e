import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey log`: the events of an authority, with their sources.
enum LogCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "log", summary: "list an authority's events with their sources",
    usage:
      "journey log --authority A [--type T] [--from DATE] [--to DATE] [--as-of DATE] [--known-at DATE] [--recorded-before TIME] [--format F]",
    discussion: """
      Events are ordered by valid date (events without one by reported date), then id. --from/--to
      filter on that date. --as-of keeps events whose valid time had begun by DATE, --known-at those
      whose source is dated on or before DATE, --recorded-before those the ledger held before TIME.
      A statement that revised or corrected a fact says what it replaced, as known at --known-at.
      Each source is file:lines and the part of the document; the documents' titles are listed
      above the table.
      """,
    options: QueryContext.options + [
      OptionSpec("type", value: "T", help: "only events of type T (repeatable)", repeatable: true),
      OptionSpec("from", value: "DATE", help: "only events dated on or after DATE"),
      OptionSpec("to", value: "DATE", help: "only events dated on or before DATE"),
    ],
    examples: [
      "journey log --authority Trafford",
      "journey log --authority Trafford --type monitoring_visit --from 2021-01-01 --json",
      "journey log --authority England --type workforce_figure --known-at 2024-03-01",
    ])

  struct Item {
    var record: Record
    var date: String
    var data: JSON
    var meta: JSON
  }

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let query = try QueryContext(parsed, context: context, command: spec.name)
    let authority = query.authority
    let from = try QueryContext.date(parsed.value("from"), option: "from")
    let to = try QueryContext.date(parsed.value("to"), option: "to")
    let types = try parsed.values["type"].map { (names) throws(CLIError) -> Set<String> in
      for name in names { do throws(DomainError) { _ = try EventCatalogue.spec(name) } catch { throw .usage(error) } }
      return Set(names)
    }
    var items: [Item] = []
    try LedgerReader(at: query.ledger).forEach(ReadFilter(streams: [authority.stream], types: types)) { view in
      let record = view.record()
      if let bound = query.filter.recordedBefore, record.recorded >= bound { return false }
      let meta = try record.meta()
      let known = meta["reported"]?.stringValue ?? String(record.recorded.prefix(10))
      if let asOf = query.filter.asOf, let valid = record.valid, valid.from > asOf { return true }
      if let knownAt = query.filter.knownAt, known > knownAt { return true }
      let (_, data) = try Upcaster.forReplay(record.type, record.schemaVersion, try record.data())
      let date = record.valid?.from ?? known
      if let from, date < from { return true }
      if let to, date > to { return true }
      items.append(Item(record: record, date: date, data: data, meta: meta))
      return true
    }
    items.sort { ($0.date, $0.record.id) < ($1.date, $1.record.id) }
    let changes = try changeNotes(query)
    emit(items, authority: authority, changes: changes, format: query.format, console: context.console)
    return .success
  }

  /// For each claim that changed a fact's value (under the query's time filters), what it replaced.
  static func changeNotes(_ query: QueryContext) throws -> [String: String] {
    var filter = query.filter
    filter.streams = [query.authority.stream]
    let facts = try query.engine.run(Evidence(), filter: filter).state.facts
    var notes: [String: String] = [:]
    for fact in facts.all {
      if let change = fact.lastChange, let text = fact.changeDescription { notes[change.by.id] = text }
    }
    return notes
  }

  static func emit(
    _ items: [Item], authority: Authority, changes: [String: String], format: OutputFormat, console: Console
  ) {
    let rows = items.map { item -> [String] in
      [
        item.date, item.record.type, summary(item) + (changes[item.record.id].map { " (\($0))" } ?? ""),
        citation(item.meta),
      ]
    }
    let json = JSON.array(
      items.map { item in
        [
          "position": .number(Double(item.record.position)), "id": .string(item.record.id),
          "type": .string(item.record.type),
          "date": .string(item.date),
          "valid": item.record.valid.map { ["from": .string($0.from), "to": .string($0.to)] } ?? .null,
          "reported": item.meta["reported"] ?? .null, "recorded": .string(item.record.recorded), "data": item.data,
          "source": item.meta["source"] ?? .null, "change": changes[item.record.id].map(JSON.string) ?? .null,
        ]
      })
    QueryOutput(
      heading: ["\(items.count) events for \(authority.name) (\(authority.stream))"] + documents(items),
      tables: [Table(columns: ["Date", "Type", "What", "Source"], rows: rows)], json: json
    ).emit(format, console: console)
  }

  static func summary(_ item: Item) -> String {
    let d = item.data
    switch item.record.type {
    case "workforce_figure", "audit_result", "performance_indicator":
      let fact = Fact(
        id: item.record.id, type: item.record.type, stream: item.record.stream, position: item.record.position,
        valid: item.record.valid, reported: nil, data: d, metaText: "{}")
      let point = MeasureSeries.point(fact, facts: FactSet())
      return [point.map { SeriesLabel.text($0.series) }, point?.display, point.map { "(\($0.period))" }].compactMap {
        $0
      }.joined(separator: " ")
    case "correction": return "corrects \(d["target"]?.stringValue ?? "?"): \(d["reason"]?.stringValue ?? "")"
    case "retraction": return "retracts \(d["target"]?.stringValue ?? "?"): \(d["reason"]?.stringValue ?? "")"
    case "sources_disagree":
      return
        "sources disagree on \(d["topic"]?.stringValue ?? "?"); shown: \(d["preferred"]?.stringValue ?? "latest reported")"
    default: return TimelineEntry.title(item.record.type, d)
    }
  }

  /// `000:866, part title`: the short citation and the part of the document it falls in.
  static func citation(_ meta: JSON) -> String {
    guard let source = meta["source"] else { return "" }
    let file = source["file"]?.stringValue ?? ""
    let lines = source["lines"]?.stringValue.map { Citation.short("\(file):\($0)") } ?? file
    return [lines, source["part"]?.stringValue].compactMap { $0 }.joined(separator: ", ")
  }

  /// One line per cited document that has a title: `Sources: 000 = title` (the citations'
  /// key), so the table's short citations stay narrow.
  static func documents(_ items: [Item]) -> [String] {
    var titles: [String: String] = [:]
    for item in items {
      guard let source = item.meta["source"], let file = source["file"]?.stringValue,
        let title = source["title"]?.stringValue
      else { continue }
      titles[Citation.short(file + ":").dropLast().description] = title
    }
    return titles.keys.sorted().flatMap { key in
      Table.wrap("source \(key): \(titles[key]!)", width: 98).enumerated().map {
        $0.offset == 0 ? $0.element : "  " + $0.element
      }
    }
  }
}
