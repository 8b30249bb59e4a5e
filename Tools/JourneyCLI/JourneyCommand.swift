import EventStore
import Foundation

/// The `journey` command line: finds the command, parses its arguments, runs it and maps every
/// error to a message on standard error and an exit status.
public enum JourneyCommand {
  /// The version `journey --version` prints.
  public static let version = "0.1.0"

  /// Every command, in the order `journey --help` lists them.
  static let commands: [any JourneySubcommand.Type] = [
    StateCommand.self, HistoryCommand.self, TimelineCommand.self, LogCommand.self, CompareCommand.self,
    DiffCommand.self,
    ReadinessCommand.self, ReReferralsCommand.self, ViewCommand.self, NationalCommand.self, ReportCommand.self,
    ExportCommand.self,
    ProjectionsCommand.self, TypesCommand.self,
    AuthoritiesCommand.self,
    RecordCommand.self, CorrectCommand.self,
    ImportCommand.self, AppendCommand.self, ReadCommand.self, VerifyCommand.self,
  ]

  /// Runs `arguments` (without the program name) and returns the exit status.
  ///
  /// A failed write to standard output or error (a full disk, not a closed pipe) is said on
  /// standard error and makes the status a failure, whatever the command returned.
  public static func run(_ arguments: [String], context: CommandContext) -> ExitStatus {
    let status = runCatchingErrors(arguments, context: context)
    context.console.flush()
    return context.console.reportWriteFailure() ? .failure : status
  }

  /// Runs `arguments` and maps every thrown error to a message and an exit status.
  private static func runCatchingErrors(_ arguments: [String], context: CommandContext) -> ExitStatus {
    let console = context.console
    do {
      return try dispatch(arguments, context: context)
    } catch {
      let report = ErrorReport(error)
      console.error(report.message, hint: report.hint)
      return report.status
    }
  }

  /// Runs with the process's own arguments, console and standard input.
  public static func main() -> Int32 {
    let context = CommandContext(
      console: .standard(), readStandardInput: { Array(FileHandle.standardInput.availableData) },
      currentDirectory: FileManager.default.currentDirectoryPath)
    signal(SIGPIPE, SIG_IGN)
    signal(SIGXFSZ, SIG_IGN)  // past a file-size limit, write(2) fails with EFBIG and we say so
    return run(Array(CommandLine.arguments.dropFirst()), context: context).rawValue
  }

  private static func dispatch(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    guard let first = arguments.first else {
      context.console.message(overview)
      return .usage
    }
    switch first {
    case "--help", "-h":
      context.console.print(overview)
      return .success
    case "--version", "version":
      context.console.print("journey \(version)")
      return .success
    case "help":
      return try help(Array(arguments.dropFirst()), console: context.console)
    default:
      let command = try lookup(first)
      let rest = Array(arguments.dropFirst())
      if rest.contains("--help") || rest.contains("-h") {
        context.console.print(helpSpec(command.spec, rest).help)
        return .success
      }
      return try command.run(rest, context: context)
    }
  }

  private static func help(_ arguments: [String], console: Console) throws -> ExitStatus {
    guard let name = arguments.first else {
      console.print(overview)
      return .success
    }
    console.print(helpSpec(try lookup(name).spec, Array(arguments.dropFirst())).help)
    return .success
  }

  /// The help to show: a kind's own (`import ilacs`) when the words after the command name one.
  private static func helpSpec(_ spec: CommandSpec, _ rest: [String]) -> CommandSpec {
    guard spec.name == ImportCommand.spec.name, let kind = rest.first, let sub = ImportCommand.kinds[kind] else {
      return spec
    }
    return sub.spec
  }

  static func lookup(_ name: String) throws(CLIError) -> any JourneySubcommand.Type {
    if let command = commands.first(where: { $0.spec.name == name }) { return command }
    let hint =
      Suggestions.nearest(to: name, in: commands.map { $0.spec.name }, limit: 1).first
      .map { "did you mean '\($0)'?" } ?? "run 'journey --help' for the list of commands"
    throw name.hasPrefix("-")
      ? .usage("unknown option '\(name)'", hint: "run 'journey --help'")
      : .usage("unknown command '\(name)'", hint: hint)
  }

  /// The text of `journey --help`.
  static var overview: String {
    let width = commands.map { $0.spec.name.count }.max() ?? 0
    let list = commands.map {
      "  \($0.spec.name)\(String(repeating: " ", count: width - $0.spec.name.count + 2))\($0.spec.summary)"
    }
    return
      ([
        "journey: an improvement-journey ledger for children's services", "",
        "Usage: journey COMMAND [OPTIONS]", "", "Commands:",
      ] + list + [
        "", "Run 'journey help COMMAND' or 'journey COMMAND --help' for a command's options and examples.",
        "Query commands read the shipped sample ledger unless --ledger or JOURNEY_LEDGER names another.",
        "Exit status: 0 success, 1 failure, 64 usage error.",
      ]).joined(separator: "\n")
  }
}
