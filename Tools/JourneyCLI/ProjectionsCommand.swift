import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey projections`: the registered projections.
enum ProjectionsCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "projections", summary: "list the registered projections and their versions",
    usage: "journey projections [--json]", options: [CommonOptions.json, CommonOptions.format],
    examples: ["journey projections"])

  static let registered: [(name: String, version: Int, summary: String, types: Set<String>)] = [
    (JudgementHistory.name, JudgementHistory.version, JudgementHistory.summary, JudgementHistory.eventTypes),
    (VisitTimeline.name, VisitTimeline.version, VisitTimeline.summary, VisitTimeline.eventTypes),
    (WorkforceStability.name, WorkforceStability.version, WorkforceStability.summary, WorkforceStability.eventTypes),
    (AuditQuality.name, AuditQuality.version, AuditQuality.summary, AuditQuality.eventTypes),
    (AllMeasures.name, AllMeasures.version, AllMeasures.summary, AllMeasures.eventTypes),
    (Readiness.name, Readiness.version, Readiness.summary, Readiness.eventTypes),
    (Evidence.name, Evidence.version, Evidence.summary, Evidence.eventTypes),
    (ReReferralTrend.name, ReReferralTrend.version, ReReferralTrend.summary, ReReferralTrend.eventTypes),
  ]

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let table = Table(
      columns: ["Projection", "Version", "Reads", "Shows"],
      rows: registered.map {
        [
          $0.name, String($0.version), $0.types.subtracting(FactSet.correctingTypes).sorted().joined(separator: ", "),
          $0.summary,
        ]
      })
    let json = JSON.array(
      registered.map { p in
        [
          "name": .string(p.name), "version": .number(Double(p.version)), "summary": .string(p.summary),
          "event_types": .array(p.types.sorted().map(JSON.string)),
        ]
      })
    QueryOutput(tables: [table], json: json).emit(try OutputFormat.from(parsed), console: context.console)
    return .success
  }
}
