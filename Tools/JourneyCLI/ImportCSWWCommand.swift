import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey import csww`: the DfE children's social work workforce indicators file.
enum ImportCSWWCommand {
  static let spec = CommandSpec(
    name: "import csww", summary: "import the DfE social work workforce indicators CSV",
    usage: "journey import csww FILE --ledger DIR [--released DATE] [--authority A ...] [--skip-bad-rows]",
    discussion: """
      Every authority, region and England row and every value column becomes a workforce figure
      (DfE statistics), dated at the 30 September census (flows: the year to it). Suppressed and
      unavailable values (c, x, z, u, low) become explicit 'not available' facts. Both layouts are
      read: the current one (inpost_fte, turnover_rate_fte, …) and the 2022 headline one
      (social_worker_fte, turnover_rate_fte_%, …); a column neither maps is named in the summary,
      a header with no known value column or no geography is refused. Each value is compared with
      the value in force at the file's release date (knowledge time): the same value appends
      nothing; a changed one appends a restatement known from the release date; an older release
      imported after a newer one appends only what was not known at its own date and never
      overrides the newer one. A row stating a figure an earlier row stated stops the import with
      both lines; an import appends all its events in one batch or nothing. --released defaults
      to the end of the February after the last year in the file name (DfE publishes each February).
      """,
    options: NationalImport.options + [
      OptionSpec("released", value: "DATE", help: "the release date of the file (knowledge time)")
    ],
    examples: [
      "journey import csww examples/data/csww_indicators_2017_to_2023.csv --ledger /tmp/national",
      "journey import csww csww_2017_to_2024.csv --ledger /tmp/national --released 2025-02-27",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let input = try NationalImport.file(parsed, usage: spec.usage, context: context)
    defer { input.remove() }
    let (path, name) = (input.path, input.operand)
    let released = try release(parsed, file: name)
    var importer = CSWWImporter(
      path: path, released: released.day, policy: parsed.flag("skip-bad-rows") ? .skip : .stop)
    importer.selection = try NationalImport.selection(parsed)
    let current = try NationalImport.currentFacts(ledger)
    var bar = ProgressBar(console: context.console, label: "import", total: 0, unit: "rows")
    defer { bar.finish() }
    return try NationalImport.run(file: name, ledger: ledger, context: context) { (deliver) throws(DomainError) in
      var plan = try importer.plan(current: { current[$0] }, progress: { bar.update($0) }, canonical: deliver)
      plan.releaseNote = "release date \(released.day.iso) (\(released.origin))"
      return plan
    }
  }

  /// The release date (knowledge time) of the file, and where it came from.
  static func release(_ parsed: ParsedArguments, file: String) throws(CLIError) -> (day: Day, origin: String) {
    if let text = parsed.value("released") {
      do { return (try Day(iso: text), "from --released") } catch { throw .usage(option: "released", error) }
    }
    guard let range = file.range(of: #"_to_(\d{4})"#, options: .regularExpression),
      let year = Int(file[range].suffix(4)), Day.supportedYears.contains(year + 1)
    else {
      throw .usage("cannot tell the release date from the file name '\(file)'", hint: "give --released YYYY-MM-DD")
    }
    let name = (file as NSString).lastPathComponent
    return (
      CSWWImporter.defaultRelease(lastYear: year), "the end of the February after \(year), from the file name \(name)"
    )
  }
}
