import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A finished child process: its exit status, wall time, peak memory and output.
public struct ChildResult: Sendable {
  public var status: Int32
  public var seconds: Double
  /// Peak resident set size of the child, in MiB (from `wait4`'s rusage).
  public var peakMiB: Double
  public var output: String
}

/// Runs a program as a child process and measures it from outside.
///
/// Peak memory comes from GNU time (`/usr/bin/time -f %M`) when it is installed: a child started
/// straight from this process would inherit this process's own high-water mark until it execs (Linux
/// counts the old memory map's peak), so a small step would seem as large as the harness. Without
/// GNU time, `wait4`'s rusage is used and the figure is an upper bound.
public enum ChildProcess {
  static let gnuTime = "/usr/bin/time"

  /// Runs `arguments[0]` with the rest as arguments; standard output is captured to a file.
  public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ChildResult {
    guard FileManager.default.isExecutableFile(atPath: gnuTime) else {
      return try spawn(arguments, environment: environment)
    }
    let memoryFile =
      FileManager.default.temporaryDirectory.path
      + "/journey-bench-rss-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(memoryFile) }
    var result = try spawn([gnuTime, "-f", "%M", "-o", memoryFile, "--"] + arguments, environment: environment)
    let text = (try? String(contentsOfFile: memoryFile, encoding: .utf8)) ?? ""
    if let kilobytes = text.split(separator: "\n").last(where: { Double($0) != nil }).flatMap({ Double($0) }) {
      result.peakMiB = kilobytes / 1024
    }
    return result
  }

  static func spawn(_ arguments: [String], environment: [String: String]) throws -> ChildResult {
    let outputPath =
      FileManager.default.temporaryDirectory.path
      + "/journey-bench-child-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
    guard spawned == 0 else {
      throw NSError(
        domain: "journey-bench", code: Int(spawned),
        userInfo: [NSLocalizedDescriptionKey: "cannot start \(arguments[0])"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildResult(status: exit, seconds: seconds, peakMiB: Double(usage.ru_maxrss) / 1024, output: output)
  }
}
