import EventStore
import Foundation

/// A `journey` command.
public protocol JourneySubcommand: Sendable {
  static var spec: CommandSpec { get }
  /// Parses the arguments after the command name and runs the command.
  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus
}

extension JourneySubcommand {
  /// Parses `arguments` against this command's options.
  static func parse(_ arguments: [String]) throws(CLIError) -> ParsedArguments {
    try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
  }
}
