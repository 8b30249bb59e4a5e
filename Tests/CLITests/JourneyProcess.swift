import Foundation
import JourneyBenchKit

/// Runs the built `journey` executable, as a user would.
enum JourneyProcess {
  /// The repository root, found from this file's path.
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The built `journey` binary next to the test bundle.
  static let executable: String = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    let candidates = [bundleDirectory + "/journey", repositoryRoot + "/.build/debug/journey"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
  }()

  typealias Result = PipedProcess.Result

  /// Starts `journey` with `arguments`, feeding `stdin`, and returns without waiting.
  ///
  /// `JOURNEY_LEDGER` is unset, so a test reads only the ledger it names; the working directory
  /// is the repository root unless `directory` is given.
  static func start(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil
  ) throws -> PipedProcess {
    try PipedProcess(
      executable, arguments, stdin: stdin, environment: environment, unset: ["JOURNEY_LEDGER"],
      directory: directory ?? repositoryRoot)
  }

  /// Runs `journey` with `arguments` to completion.
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil
  ) throws -> Result {
    try start(arguments, stdin: stdin, environment: environment, directory: directory).finish()
  }
}

/// A fresh temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
  let path: String

  init() {
    path = FileManager.default.temporaryDirectory.path + "/journey-cli-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
