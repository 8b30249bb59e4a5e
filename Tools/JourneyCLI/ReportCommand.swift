import EventStore
import Foundation
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

/// `journey report`: one self-contained HTML file a scrutiny committee can put in its agenda pack.
enum ReportCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "report", summary: "write a self-contained HTML scrutiny report for an authority",
    usage: "journey report --authority A [--as-of DATE] [--known-at DATE] --out FILE.html",
    discussion: """
      One HTML file with inline CSS and SVG (no scripts, no network requests), printable on A4:
      judgements in force with direction of travel, readiness and its components, a timeline of
      inspections, visits, reviews and notices, workforce and audit charts (England beside where
      known), before/after tables for every monitoring visit, conflicts between sources, and an
      evidence appendix with every fact's source, lines and quote.
      """,
    options: QueryContext.options + [OptionSpec("out", value: "FILE", help: "the HTML file to write")],
    examples: [
      "journey report --authority Trafford --out trafford.html",
      "journey report --authority Bury --as-of 2024-09-30 --out bury.html",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let out = LedgerLocation.absolute(try parsed.required("out", for: spec.name), context)
    let query = try QueryContext(parsed, context: context, command: spec.name)
    let views = try AuthorityViews(query)
    let html = ReportPage(query: query, views: views, generated: Clock.timestamp(Clock.system.now())).html
    try OutputFile.write(Array(html.utf8), to: out)
    context.console.message("wrote \(out) (\(html.utf8.count / 1024) KiB) for \(query.authority.name), \(query.axes)")
    return .success
  }
}
