import EventStore
import Foundation
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

/// A `journey` process started with piped stdin and stdout.
final class Running: @unchecked Sendable {
  let process = Process()
  let output = Pipe()
  let errors = Pipe()

  init(_ journey: String, _ arguments: [String], stdin: String, environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: journey)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = Data(stdin.utf8)
    DispatchQueue.global().async {
      try? input.fileHandleForWriting.write(contentsOf: data)
      try? input.fileHandleForWriting.close()
    }
  }

  func kill() { Glibc.kill(process.processIdentifier, SIGKILL) }

  /// Waits and returns (status, stdout, stderr).
  func finish() -> (Int32, String, String) {
    nonisolated(unsafe) var err = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      err = self.errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let out = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }
}
