import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process started with piped standard input, output and error.
///
/// The input is written on another thread while the caller waits, so a child that writes much
/// before reading all its input cannot deadlock against the caller. A child that exits before
/// reading its input (a usage error) closes the pipe under that write: SIGPIPE is ignored in this
/// process once the first child starts, so the write fails with EPIPE instead of killing the caller.
public final class PipedProcess: @unchecked Sendable {
  /// Ignores SIGPIPE for the whole process, once.
  private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

  /// What a finished process returned.
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  public let process = Process()
  private let output = Pipe()
  private let errors = Pipe()

  /// Starts `executable` with `arguments`, feeding it `stdin`.
  ///
  /// - Parameters:
  ///   - environment: variables set on top of this process's environment (`NO_COLOR=1` is always set).
  ///   - unset: variables removed from the inherited environment.
  ///   - directory: the working directory; this process's when nil.
  public init(
    _ executable: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    unset: [String] = [], directory: String? = nil
  ) throws {
    Self.ignoreBrokenPipes
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for name in unset { env[name] = nil }
    env["NO_COLOR"] = "1"
    for (name, value) in environment { env[name] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
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

  /// Kills the process at once (SIGKILL), as a crash would.
  public func kill() { Glibc.kill(process.processIdentifier, SIGKILL) }

  /// Waits for the process to end and returns its status and everything it wrote.
  public func finish() -> Result {
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
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }
}
