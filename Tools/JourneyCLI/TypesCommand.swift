import EventStore
import Foundation
import JourneyDomain

/// `journey types`: the event catalogue.
enum TypesCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "types", summary: "list the event types and their fields",
    usage: "journey types [TYPE] [--json]", options: [CommonOptions.json],
    examples: ["journey types", "journey types workforce_figure"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let specs: [EventTypeSpec]
    if let name = parsed.operands.first {
      do { specs = [try EventCatalogue.spec(name)] } catch { throw CLIError.usage(error) }
    } else {
      specs = EventCatalogue.all
    }
    if parsed.flag("json") {
      let json = JSON.array(
        specs.map { s in
          [
            "type": .string(s.name), "version": .number(Double(s.version)), "summary": .string(s.summary),
            "valid_time": .string(s.valid.documentation),
            "fields": .array(
              s.fields.map {
                ["name": .string($0.name), "required": .bool($0.required), "expects": .string($0.kind.expectation)]
              }),
          ]
        })
      context.console.print(json.serialized())
      return .success
    }
    for s in specs {
      context.console.print("\(s.name) (v\(s.version)): \(s.summary)")
      if specs.count == 1 {
        for f in s.fields {
          context.console.print("  \(f.name)\(f.required ? "" : " (optional)"): \(f.kind.expectation)")
        }
        context.console.print("  valid time: \(s.valid.documentation)")
      }
    }
    return .success
  }
}
