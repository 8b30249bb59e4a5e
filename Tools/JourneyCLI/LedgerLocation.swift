import EventStore
import Foundation

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
  /// The answer says which ledger it read (`Console.ledgerRead`).
  static func forReading(_ arguments: ParsedArguments, context: CommandContext) -> String {
    let path = (arguments.value("ledger") ?? context.environment["JOURNEY_LEDGER"]).map { absolute($0, context) } ?? sampleLedger(context)
    context.console.ledgerRead = path
    return path
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
