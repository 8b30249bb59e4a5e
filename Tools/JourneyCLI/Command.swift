import EventStore
import Foundation

/// What every command shows in `--help`: its name, summary, usage, options and worked examples.
public struct CommandSpec: Sendable {
  public var name: String
  public var summary: String
  public var usage: String
  public var discussion: String
  public var options: [OptionSpec]
  public var examples: [String]

  public init(
    name: String, summary: String, usage: String, discussion: String = "", options: [OptionSpec],
    examples: [String]
  ) {
    self.name = name
    self.summary = summary
    self.usage = usage
    self.discussion = discussion
    self.options = options
    self.examples = examples
  }

  /// The full help text.
  public var help: String {
    var lines = ["journey \(name): \(summary)", "", "Usage: \(usage)"]
    if !discussion.isEmpty { lines += ["", discussion] }
    if !options.isEmpty {
      lines += ["", "Options:"]
      let width = options.map { optionLabel($0).count }.max() ?? 0
      for option in options {
        let label = optionLabel(option)
        lines.append("  \(label)\(String(repeating: " ", count: width - label.count + 2))\(option.help)")
      }
    }
    if !examples.isEmpty { lines += ["", "Examples:"] + examples.map { "  " + $0 } }
    return lines.joined(separator: "\n")
  }

  private func optionLabel(_ option: OptionSpec) -> String {
    "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
  }
}

/// What a running command can use: the console, standard input and the environment.
public struct CommandContext {
  public var console: Console
  /// Reads the next chunk of standard input; an empty array at the end.
  public var readStandardInput: () -> [UInt8]
  public var currentDirectory: String

  public init(console: Console, readStandardInput: @escaping () -> [UInt8], currentDirectory: String) {
    self.console = console
    self.readStandardInput = readStandardInput
    self.currentDirectory = currentDirectory
  }

  public var environment: [String: String] { console.environment }
}

/// A `journey` command.
public protocol JourneySubcommand {
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

/// Shared options.
enum CommonOptions {
  static let ledger = OptionSpec("ledger", value: "DIR", help: "the ledger directory (default: $JOURNEY_LEDGER)")
  static let queryLedger = OptionSpec(
    "ledger", value: "DIR", help: "the ledger directory (default: $JOURNEY_LEDGER, else the shipped sample)")
  static let format = OptionSpec("format", value: "FORMAT", help: "output format: table, json or csv (default table)")
  static let json = OptionSpec("json", help: "short for --format json")
}

/// Output formats of query commands.
public enum OutputFormat: String, Sendable, CaseIterable {
  case table, json, csv

  /// The format chosen by `--format` or `--json`.
  static func from(_ arguments: ParsedArguments) throws(CLIError) -> OutputFormat {
    if arguments.flag("json") { return .json }
    guard let text = arguments.value("format") else { return .table }
    guard let format = OutputFormat(rawValue: text.lowercased()) else {
      let hint = Suggestions.nearest(to: text, in: allCases.map(\.rawValue), limit: 1).first.map { "did you mean \($0)?" }
      throw .usage("invalid value '\(text)' for --format: expected table, json or csv", hint: hint)
    }
    return format
  }
}

/// Where the ledger is.
enum LedgerLocation {
  /// The ledger a write command uses: `--ledger`, else `$JOURNEY_LEDGER`; never the sample by default.
  static func forWriting(_ arguments: ParsedArguments, context: CommandContext, command: String) throws(CLIError) -> String {
    if let path = arguments.value("ledger") ?? context.environment["JOURNEY_LEDGER"] {
      return absolute(path, context)
    }
    throw .usage(
      "'\(command)' needs --ledger DIR (or JOURNEY_LEDGER)",
      hint: "write commands never write into the shipped sample unless it is named explicitly")
  }

  /// The ledger a query uses: `--ledger`, `$JOURNEY_LEDGER`, else the shipped sample ledger.
  static func forReading(_ arguments: ParsedArguments, context: CommandContext) -> String {
    if let path = arguments.value("ledger") ?? context.environment["JOURNEY_LEDGER"] {
      return absolute(path, context)
    }
    return sampleLedger(context)
  }

  /// The shipped sample ledger: `examples/ledger` under the working directory, or beside the
  /// checkout the executable was built in.
  static func sampleLedger(_ context: CommandContext) -> String {
    let candidates = [context.currentDirectory + "/examples/ledger"]
      + ancestors(of: CommandLine.arguments.first.map { absolute($0, context) } ?? "").map { $0 + "/examples/ledger" }
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/ledger.json") } ?? candidates[0]
  }

  private static func ancestors(of path: String) -> [String] {
    var result: [String] = []
    var url = URL(fileURLWithPath: path).deletingLastPathComponent()
    for _ in 0..<6 {
      result.append(url.path)
      url = url.deletingLastPathComponent()
    }
    return result
  }

  static func absolute(_ path: String, _ context: CommandContext) -> String {
    path.hasPrefix("/") ? path : context.currentDirectory + "/" + path
  }
}
