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
      One HTML file with inline CSS and SVG (no scripts, no network requests), printed on A4 as a
      committee paper. First a summary of at most 4 pages: judgements in force with direction of
      travel, readiness, a timeline, workforce and audit charts (England beside; a series of one
      or two figures listed, not drawn; the source under each chart), like-for-like before/after
      pairs for each monitoring visit, and where sources disagree. Then appendices on their own
      pages: the timeline in full, every workforce and audit figure, before/after tables, both
      sides of each disagreement, and every fact's source, lines and quote.
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
