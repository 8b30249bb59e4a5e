import EventStore
import Foundation
import JourneyDomain
import Projections

/// The options every authority query shares, checked and resolved.
struct QueryContext {
  let ledger: String
  let authority: Authority
  let filter: ReplayFilter
  let format: OutputFormat
  /// The date answers are given for: `--as-of`, else today.
  let date: String
  let engine: ReplayEngine

  static let timeOptions = [
    OptionSpec("as-of", value: "DATE", help: "valid time: the world as it stood on DATE (default today)"),
    OptionSpec("known-at", value: "DATE", help: "knowledge time: only facts reported by DATE"),
    OptionSpec("recorded-before", value: "TIME", help: "record time: only what the ledger held before TIME (audit)"),
  ]
  static let options =
    [CommonOptions.queryLedger, OptionSpec("authority", value: "A", help: "authority name, ONS code or DfE number")]
    + timeOptions + [CommonOptions.format, CommonOptions.json]

  init(_ parsed: ParsedArguments, context: CommandContext, command: String, requireAuthority: Bool = true)
    throws(CLIError)
  {
    ledger = try LedgerLocation.forReading(parsed, context: context)
    authority = try QueryContext.resolve(parsed.required("authority", for: command))
    let asOf = try QueryContext.date(parsed.value("as-of"), option: "as-of")
    let knownAt = try QueryContext.date(parsed.value("known-at"), option: "known-at")
    let recordedBefore = try QueryContext.recordedBefore(parsed.value("recorded-before"))
    let registry = AuthorityRegistry.shared
    let streams = Set(
      [authority.stream, registry.england.stream] + [registry.region(of: authority)?.stream].compactMap { $0 })
    filter = ReplayFilter(asOf: asOf, knownAt: knownAt, recordedBefore: recordedBefore, streams: streams)
    format = try OutputFormat.from(parsed)
    date = asOf ?? QueryContext.today
    engine = ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay)
    engine.progress = QueryContext.replayProgress(context.console)
  }

  /// A progress bar for long replays, on a terminal only (nothing extra when piped).
  static func replayProgress(_ console: Console) -> ((Int, Int) -> Void)? {
    guard console.errorIsTerminal else { return nil }
    nonisolated(unsafe) var bar = ProgressBar(console: console, label: "replay", total: 0, unit: "B")
    return { done, total in
      bar.total = total
      bar.update(done)
    }
  }

  /// Today's date, UTC.
  static var today: String { String(Clock.timestamp(Clock.system.now()).prefix(10)) }

  /// Checks an ISO date option.
  static func date(_ text: String?, option: String) throws(CLIError) -> String? {
    guard let text else { return nil }
    do { return try Day(iso: text).iso } catch { throw .usage(option: option, error) }
  }

  /// Checks a `--recorded-before` value: a date or an ISO timestamp prefix.
  static func recordedBefore(_ text: String?) throws(CLIError) -> String? {
    guard let text else { return nil }
    guard TimestampText.isTimestampPrefix(text) else {
      throw .usage("invalid value '\(text)' for --recorded-before: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    }
    return text
  }

  /// Resolves an authority, turning a miss into a usage error with suggestions.
  static func resolve(_ text: String) throws(CLIError) -> Authority {
    do { return try AuthorityRegistry.shared.resolve(text) } catch { throw .usage(error) }
  }

  /// The time axes of an answer, stated in words (every answer names them).
  var axes: String {
    var parts = ["as of \(date) (valid time)"]
    parts.append(filter.knownAt.map { "as known at \($0)" } ?? "with everything the ledger knows")
    if let recorded = filter.recordedBefore { parts.append("recorded before \(recorded)") }
    return parts.joined(separator: ", ")
  }

  /// The time axes as JSON, for every JSON answer.
  var axesJSON: JSON {
    [
      "authority": .string(authority.name), "stream": .string(authority.stream), "as_of": .string(date),
      "known_at": filter.knownAt.map(JSON.string) ?? .null,
      "recorded_before": filter.recordedBefore.map(JSON.string) ?? .null,
    ]
  }

  /// Replays one projection under this query's filters.
  func replay<P: Projection>(_ projection: P) throws -> P.State {
    try engine.run(projection, filter: filter).state
  }
}
