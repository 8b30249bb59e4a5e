import EventStore
import Foundation

/// Where the ledger is.
enum LedgerLocation {
  /// The ledger a write command uses: `--ledger`, else `$JOURNEY_LEDGER`; never the sample by default.
  static func forWriting(_ arguments: ParsedArguments, context: CommandContext, command: String) throws(CLIError)
    -> String
  {
    if let path = arguments.value("ledger") ?? context.environment["JOURNEY_LEDGER"] {
      return absolute(path, context)
    }
    throw .usage(
      "'\(command)' needs --ledger DIR (or JOURNEY_LEDGER)",
      hint: "write commands never write into the shipped sample unless it is named explicitly")
  }

  /// The ledger a query uses: `--ledger`, `$JOURNEY_LEDGER`, else the shipped sample ledger.
  ///
  /// The answer says which ledger it read (`Console.ledgerRead`).
  static func forReading(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> String {
    let given = (arguments.value("ledger") ?? context.environment["JOURNEY_LEDGER"]).map { absolute($0, context) }
    let path: String
    if let given { path = given } else { path = try sampleLedger(context) }
    context.console.ledgerRead = path
    return path
  }

  /// The name of the sample ledger installed beside the executable.
  static let installedSampleName = "journey-sample-ledger"

  /// The shipped sample ledger, found from any working directory: `examples/ledger` under the
  /// working directory (a checkout), else beside the executable (`journey-sample-ledger` in its
  /// folder, or `../share/journey/ledger`), else `examples/ledger` in the checkout it was built in.
  static func sampleLedger(_ context: CommandContext) throws(CLIError) -> String {
    let candidates = sampleCandidates(context)
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/ledger.json") }) {
      return found
    }
    throw .failure(
      "no ledger given, and the shipped sample ledger is not in \(candidates.joined(separator: ", "))",
      hint:
        "give --ledger DIR or set JOURNEY_LEDGER; to install the sample, copy examples/ledger beside the executable as \(installedSampleName)"
    )
  }

  /// Where the sample ledger may be, in the order they are tried.
  static func sampleCandidates(_ context: CommandContext) -> [String] {
    let executables = [executablePath(), CommandLine.arguments.first.map { absolute($0, context) }].compactMap { $0 }
    var candidates = [context.currentDirectory + "/examples/ledger"]
    for executable in executables {
      let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
      candidates += [
        folder.appendingPathComponent(installedSampleName).path,
        folder.deletingLastPathComponent().path + "/share/journey/ledger",
      ]
    }
    candidates += executables.flatMap { ancestors(of: $0).map { $0 + "/examples/ledger" } }
    var seen: Set<String> = []
    return candidates.filter { seen.insert($0).inserted }
  }

  /// The running executable's path with symbolic links resolved (`/proc/self/exe`), when known.
  static func executablePath() -> String? {
    guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
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
