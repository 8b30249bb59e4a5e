import EventStore
import Foundation
import JourneyBenchKit

#if canImport(Glibc)
  import Glibc
#endif

/// Full disk, read-only ledgers, unreadable segments, and hostile input.
struct Faults {
  let journey: String
  let work: String

  struct Figures {
    var fullDiskMethod = ""
    var fullDisk = ""
    var readOnly = ""
    var unreadable = ""
    var hostile: [(String, String, Double)] = []  // input, error, peak MiB
  }

  func run() throws -> Figures {
    var figures = Figures()
    (figures.fullDiskMethod, figures.fullDisk) = try fullDisk()
    figures.readOnly = try readOnly()
    figures.unreadable = try unreadableSegment()
    figures.hostile = try hostileInputs()
    return figures
  }

  /// Appends until the disk is full: clear error, ledger valid, and appends work once space is freed.
  func fullDisk() throws -> (String, String) {
    let dir = try freshDirectory(work + "/fulldisk")
    let mounted = isRoot && mount(dir, options: "size=192k")
    let ledger = dir + "/ledger"
    _ = try journeyRun(
      journey, ["append", "--ledger", ledger],
      stdin: (0..<20).map { figureLine(id: "base-\($0)", value: 1, year: 1990 + $0) }.joined(separator: "\n"))
    let before = try Verifier.verify(at: ledger)
    let big = (0..<400).map {
      figureLine(id: "big-\($0)", value: 2, year: 1900 + $0 % 150) + String(repeating: " ", count: 0)
    }
    .map { $0.replacingOccurrences(of: #""quote":"big"#, with: #""quote":"\#(String(repeating: "x", count: 400))big"#) }
    .joined(separator: "\n")
    let args = ["append", "--ledger", ledger]
    let (status, _, error) =
      mounted
      ? try journeyRun(journey, args, stdin: big)
      : try journeyRun("/bin/sh", ["-c", "ulimit -f 256; exec \"$0\" \"$@\"", journey] + args, stdin: big)
    try require(status == 1, "append on a full disk exited \(status)")
    let expected = mounted ? "No space left on device" : "File too large"
    try require(error.contains(expected), "append on a full disk said: \(error)")
    let after = try Verifier.verify(at: ledger)
    try require(after.headHash == before.headHash, "the ledger changed after a failed append")
    if mounted { _ = remount(dir, options: "size=8m") }
    let (again, _, againError) = try journeyRun(journey, args, stdin: big)
    if mounted { _ = unmount(dir) }
    try require(again == 0, "the append after freeing space failed: \(againError)")
    let method =
      mounted ? "a 192 KiB tmpfs (then remounted at 8 MiB)" : "a 256-block file-size limit (ulimit -f), then none"
    return (method, error.split(separator: "\n").first.map(String.init) ?? "")
  }

  /// A ledger the user cannot write: appends refused clearly, queries still answer.
  func readOnly() throws -> String {
    let dir = try freshDirectory(work + "/readonly")
    let ledger = dir + "/ledger"
    _ = try journeyRun(
      journey, ["append", "--ledger", ledger],
      stdin: (0..<5).map { figureLine(id: "ro-\($0)", value: 1, year: 2000 + $0) }.joined(separator: "\n"))
    let (runner, prefix) = otherUser(readOnly: ledger)
    let (status, _, error) = try journeyRun(
      runner, prefix + ["append", "--ledger", ledger], stdin: figureLine(id: "ro-new", value: 1, year: 2020))
    try require(
      status == 1 && error.contains("Permission denied") || error.contains("Read-only"),
      "append to a read-only ledger: \(status) \(error)")
    let (queryStatus, out, queryError) = try journeyRun(runner, prefix + ["read", "--ledger", ledger])
    try require(
      queryStatus == 0 && out.split(separator: "\n").count == 5, "query on a read-only ledger failed: \(queryError)")
    let (verifyStatus, _, _) = try journeyRun(runner, prefix + ["verify", "--ledger", ledger])
    try require(verifyStatus == 0, "verify on a read-only ledger failed")
    restoreWritable(ledger)
    return error.split(separator: "\n").first.map(String.init) ?? ""
  }

  /// A segment nobody can read is reported by name.
  func unreadableSegment() throws -> String {
    let dir = try freshDirectory(work + "/unreadable")
    let ledger = dir + "/ledger"
    _ = try journeyRun(journey, ["append", "--ledger", ledger], stdin: figureLine(id: "u-1", value: 1, year: 2000))
    let segment = ledger + "/segments/0000000000000001.jsonl"
    chmod(segment, 0)
    let (runner, prefix) = otherUser(readOnly: nil)
    let (status, _, error) = try journeyRun(runner, prefix + ["verify", "--ledger", ledger])
    chmod(segment, 0o644)
    try require(status == 1 && error.contains(segment), "an unreadable segment was not named: \(error)")
    return error.split(separator: "\n").first.map(String.init) ?? ""
  }

  /// Hostile input is refused with a clear error, in bounded memory.
  func hostileInputs() throws -> [(String, String, Double)] {
    let dir = try freshDirectory(work + "/hostile")
    let hugeLine = dir + "/huge.jsonl"
    if let handle = FileManager.default.createFile(atPath: hugeLine, contents: nil)
      ? FileHandle(forWritingAtPath: hugeLine) : nil
    {
      handle.write(Data(#"{"type":"x","data":{"s":""#.utf8))
      let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
      for _ in 0..<100 { handle.write(block) }
      handle.write(Data(#""}}"#.utf8))
      try handle.close()
    }
    let cases: [(String, String)] = [
      ("a single 100 MB line", hugeLine),
      ("JSON nested 100,000 deep", write(dir + "/deep.jsonl", String(repeating: "[", count: 100_000))),
      (
        "invalid UTF-8",
        write(
          dir + "/utf8.jsonl", bytes: Array(#"{"type":"x","data":{"s":""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8))
      ),
      (
        "a NUL byte",
        write(dir + "/nul.jsonl", bytes: Array(#"{"type":"x","data":{"s":"a"#.utf8) + [0] + Array(#""}}"#.utf8))
      ),
      ("a huge number", write(dir + "/number.jsonl", #"{"type":"x","data":{"n":1e999}}"#)),
      ("a date in year 99999", write(dir + "/year.jsonl", #"{"type":"x","valid":"99999-01-01","data":{}}"#)),
    ]
    var results: [(String, String, Double)] = []
    for (name, file) in cases {
      let ledger = dir + "/ledger-\(results.count)"
      let result = try ChildProcess.run([
        "/bin/sh", "-c", "exec \"$0\" append --ledger \"$1\" < \"$2\" 2>&1", journey, ledger, file,
      ])
      try require(result.status == 1, "\(name): exit \(result.status)")
      try require(result.output.hasPrefix("error: "), "\(name): \(result.output.prefix(200))")
      try require(result.peakMiB < 400, "\(name): peak memory \(result.peakMiB) MiB")
      let segment = ledger + "/segments/0000000000000001.jsonl"
      let size = (try? FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int) ?? 0
      try require(size == 0, "\(name): something was appended")
      results.append((name, String(result.output.split(separator: "\n").first ?? ""), result.peakMiB))
    }
    let year = try journeyRun(journey, ["state", "--authority", "Trafford", "--as-of", "99999-01-01"])
    try require(year.0 == 64, "a year 99999 date option was not refused")
    return results
  }

  func write(_ path: String, _ text: String) -> String { write(path, bytes: Array(text.utf8)) }

  /// Writes `bytes` to a new file at `path` and returns the path; a file that cannot be written
  /// shows up as the check that reads it failing.
  func write(_ path: String, bytes: [UInt8]) -> String {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  // MARK: - Privileges

  /// How to run `journey` as a user who cannot write the ledger: as `nobody` when we are root
  /// (root ignores file permissions), otherwise as ourselves after removing write permission.
  func otherUser(readOnly ledger: String?) -> (String, [String]) {
    if isRoot, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
      return ("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", journey])
    }
    if let ledger { _ = try? ChildProcess.run(["chmod", "-R", "a-w", ledger]) }
    return (journey, [])
  }

  func restoreWritable(_ ledger: String) { _ = try? ChildProcess.run(["chmod", "-R", "u+w", ledger]) }

  func mount(_ dir: String, options: String) -> Bool {
    (try? ChildProcess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir]))?.status == 0
  }

  func remount(_ dir: String, options: String) -> Bool {
    (try? ChildProcess.run(["mount", "-o", "remount,\(options)", dir]))?.status == 0
  }

  func unmount(_ dir: String) -> Bool { (try? ChildProcess.run(["umount", dir]))?.status == 0 }
}
