import EventStore
import Foundation
import JourneyDomain
import Projections

/// `journey projections`: the registered projections.
enum ProjectionsCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "projections", summary: "list the registered projections and their versions",
    usage: "journey projections [--json]",
    discussion: "Each one can be shown with 'journey view NAME --authority A'.",
    options: [CommonOptions.json, CommonOptions.format],
    examples: ["journey projections"])

  /// The registered projections: name, version, summary and the event types each reads.
  static var registered: [(name: String, version: Int, summary: String, types: Set<String>)] {
    ProjectionRegistry.all.map { ($0.name, $0.version, $0.summary, $0.eventTypes) }
  }

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
