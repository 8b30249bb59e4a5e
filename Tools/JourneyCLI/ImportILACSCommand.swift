import EventStore
import Foundation
import JourneyDomain
import Projections

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
