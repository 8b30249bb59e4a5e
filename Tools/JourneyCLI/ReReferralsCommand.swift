import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey rereferrals`: the re-referral rate trend (the projection built in docs/ADDING-A-PROJECTION.md).
enum ReReferralsCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "rereferrals", summary: "the re-referral rate over time, with the change between readings",
    usage: "journey rereferrals --authority A [--as-of DATE] [--known-at DATE] [--format F]",
    options: QueryContext.options, examples: ["journey rereferrals --authority Trafford"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let query = try QueryContext(try parse(arguments), context: context, command: spec.name)
    let readings = try query.replay(ReReferralTrend()).readings(stream: query.authority.stream, asOf: query.date)
    let table = Table(
      columns: ["Period", "Rate", "Change", "Source"],
      rows: readings.map {
        [
          $0.point.period, $0.point.display, $0.change.map { String(format: "%+.1f pts", $0) } ?? "",
          Citation.short($0.point.citation),
        ]
      })
    let json: JSON = [
      "query": query.axesJSON,
      "readings": .array(readings.map { ["point": ViewJSON.point($0.point), "change": ViewJSON.number($0.change)] }),
    ]
    QueryOutput(heading: ["Re-referral rate for \(query.authority.name), \(query.axes)"], tables: [table], json: json)
      .emit(query.format, console: context.console)
    return .success
  }
}
