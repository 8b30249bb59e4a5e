import Foundation

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

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Starts `journey` with `arguments`, feeding `stdin`, and returns without waiting.
  static func start(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil
  ) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["JOURNEY_LEDGER"] = nil
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? repositoryRoot)
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let data = Data(stdin.utf8)
    DispatchQueue.global().async {
      try? input.fileHandleForWriting.write(contentsOf: data)
      try? input.fileHandleForWriting.close()
    }
    return (process, output, error)
  }

  /// Runs `journey` with `arguments` to completion.
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil
  ) throws -> Result {
    let (process, output, error) = try start(arguments, stdin: stdin, environment: environment, directory: directory)
    return finish(process, output, error)
  }

  /// Waits for a started process and collects its output.
  static func finish(_ process: Process, _ output: Pipe, _ error: Pipe) -> Result {
    let group = DispatchGroup()
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    group.enter()
    DispatchQueue.global().async {
      out = output.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    err = error.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
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
