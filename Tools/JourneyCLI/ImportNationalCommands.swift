import EventStore
import Foundation
import JourneyDomain
import Projections

/// What the national importers share: options, the ledger's current facts, appending, the summary.
enum NationalImport {
  static let options = [
    CommonOptions.ledger,
    OptionSpec("skip-bad-rows", help: "append the good rows and list every skipped row with its reason"),
  ]

  /// The ledger's current payload for each fact id, corrections applied; empty for a new ledger.
  static func currentFacts(_ ledger: String) throws -> [String: JSON] {
    guard FileManager.default.fileExists(atPath: ledger + "/ledger.json") else { return [:] }
    let state = try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay).run(Evidence()).state
    return Dictionary(state.facts.all.map { ($0.id, $0.data) }, uniquingKeysWith: { first, _ in first })
  }

  /// The largest batch an import appends at once.
  static let batchSize = 20_000

  /// Checks the whole file first (nothing is appended if any row is refused), then reads it again
  /// and appends its events in batches, each atomic and durable. An interrupted import is finished
  /// by running it again: ids are deterministic, so what was appended is not appended twice.
  static func run(
    file: String, ledger: String, context: CommandContext,
    plan: (@escaping (DomainEvent) -> Void) throws(DomainError) -> ImportPlan
  ) throws -> ExitStatus {
    let checked = try self.plan(file: file) { () throws(DomainError) in try plan { _ in } }
    if checked.delivered > 0 {
      let store = try Ledger(at: ledger, create: true, clock: try writeClock(context))
      reportRecoveries(store, console: context.console)
      var batch: [NewEvent] = []
      var failure: (any Error)? = nil
      _ = try self.plan(file: file) { () throws(DomainError) in
        try plan { event in
          guard failure == nil else { return }
          batch.append(event.newEvent)
          if batch.count == batchSize {
            do { _ = try store.append(batch) } catch { failure = error }
            batch.removeAll(keepingCapacity: true)
          }
        }
      }
      if let failure { throw failure }
      if !batch.isEmpty { _ = try store.append(batch) }
    }
    let console = context.console
    console.message("\(file): \(checked.summary)")
    for note in checked.notes { console.message("  \(note)") }
    for skip in checked.skipped { console.message("  skipped line \(skip.line): \(skip.reason)") }
    return .success
  }

  /// Runs an importer's plan, turning a domain error into a failure naming the file.
  static func plan(file: String, _ body: () throws(DomainError) -> ImportPlan) throws(CLIError) -> ImportPlan {
    do { return try body() } catch {
      throw .failure("\(file) \(error.description)", hint: error.hint ?? "nothing was appended; fix the file, or use --skip-bad-rows to import the good rows")
    }
  }

  static func file(_ parsed: ParsedArguments, usage: String, context: CommandContext) throws(CLIError) -> (String, String) {
    guard parsed.operands.count == 1 else { throw .usage("expected one FILE", hint: "usage: \(usage)") }
    let path = LedgerLocation.absolute(parsed.operands[0], context)
    guard FileManager.default.isReadableFile(atPath: path) else { throw .failure("cannot read \(parsed.operands[0])", hint: "no such file, or no permission") }
    return (path, parsed.operands[0])
  }
}

/// `journey import csww`: the DfE children's social work workforce indicators file.
enum ImportCSWWCommand {
  static let spec = CommandSpec(
    name: "import csww", summary: "import the DfE social work workforce indicators CSV",
    usage: "journey import csww FILE --ledger DIR [--released DATE] [--skip-bad-rows]",
    discussion: """
      Every authority, region and England row and every value column becomes a workforce figure
      (DfE statistics), dated at the 30 September census (flows: the year to it). Suppressed and
      unavailable values (c, x, z, u, low) become explicit 'not available' facts. Ids come from the
      file's content, so re-importing appends nothing; importing a later release appends a revision
      for each changed value only, reported on its release date. --released defaults to the end of
      the February after the last year in the file name (DfE publishes each February).
      """,
    options: NationalImport.options + [OptionSpec("released", value: "DATE", help: "the release date of the file (knowledge time)")],
    examples: [
      "journey import csww examples/data/csww_indicators_2017_to_2023.csv --ledger /tmp/national",
      "journey import csww csww_2017_to_2024.csv --ledger /tmp/national --released 2025-02-27",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let (path, name) = try NationalImport.file(parsed, usage: spec.usage, context: context)
    let released = try release(parsed, file: name)
    let importer = CSWWImporter(path: path, released: released, policy: parsed.flag("skip-bad-rows") ? .skip : .stop)
    let current = try NationalImport.currentFacts(ledger)
    var bar = ProgressBar(console: context.console, label: "import", total: 0, unit: "rows")
    defer { bar.finish() }
    return try NationalImport.run(file: name, ledger: ledger, context: context) { (deliver) throws(DomainError) in
      try importer.plan(current: { current[$0] }, progress: { bar.update($0) }, deliver: deliver)
    }
  }

  static func release(_ parsed: ParsedArguments, file: String) throws(CLIError) -> Day {
    if let text = parsed.value("released") {
      do { return try Day(iso: text) } catch { throw .usage("invalid date '\(text)' for --released: expected YYYY-MM-DD") }
    }
    guard let range = file.range(of: #"_to_(\d{4})"#, options: .regularExpression),
      let year = Int(file[range].suffix(4)), Day.supportedYears.contains(year + 1)
    else { throw .usage("cannot tell the release date from the file name '\(file)'", hint: "give --released YYYY-MM-DD") }
    return CSWWImporter.defaultRelease(lastYear: year)
  }
}

/// `journey import ilacs`: the Ofsted ILACS inspection history file.
enum ImportILACSCommand {
  static let spec = CommandSpec(
    name: "import ilacs", summary: "import the Ofsted ILACS inspection history CSV",
    usage: "journey import ilacs FILE --ledger DIR [--skip-bad-rows]",
    discussion: """
      Each report becomes an ILACS inspection, reported on its publication date. Lower-case grades
      become Ofsted's exact strings; the file's sentinels (inspection_pre_dates_judgement,
      not_reported_post_reform, data_unreadable) are recorded as absent judgements with their
      meaning, never as grades. Rows without fieldwork dates or any readable judgement (mostly
      reports before 2018) are listed as skipped.
      """,
    options: NationalImport.options,
    examples: ["journey import ilacs examples/data/ofsted_csc_ilacs_history_north_west.csv --ledger /tmp/national"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let (path, name) = try NationalImport.file(parsed, usage: spec.usage, context: context)
    let importer = ILACSImporter(path: path, policy: parsed.flag("skip-bad-rows") ? .skip : .stop)
    let current = try NationalImport.currentFacts(ledger)
    return try NationalImport.run(file: name, ledger: ledger, context: context) { (deliver) throws(DomainError) in
      try importer.plan(current: { current[$0] }, deliver: deliver)
    }
  }
}
