import Foundation
import JourneyBenchKit
import Testing

/// The `journey` binary installed outside the checkout, run from other directories.
@Suite("the installed binary finds the sample ledger from any directory", .serialized)
struct InstalledBinaryTests {
  /// Runs `executable` with `arguments` in `directory`, JOURNEY_LEDGER unset.
  func run(_ executable: String, _ arguments: [String], in directory: String) throws -> JourneyProcess.Result {
    try PipedProcess(executable, arguments, unset: ["JOURNEY_LEDGER"], directory: directory).finish()
  }

  /// A copy of the built binary in `dir/bin`, outside the checkout.
  func install(in dir: TemporaryDirectory) throws -> String {
    try FileManager.default.createDirectory(atPath: dir.path + "/bin", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: JourneyProcess.executable, toPath: dir.path + "/bin/journey")
    return dir.path + "/bin/journey"
  }

  @Test(
    "installed with the sample beside it (bin/journey-sample-ledger or share/journey/ledger), any working directory",
    arguments: [
      "bin/journey-sample-ledger", "share/journey/ledger",
    ])
  func besideTheExecutable(_ place: String) throws {
    let dir = TemporaryDirectory()
    let journey = try install(in: dir)
    let sample = dir.path + "/" + place
    try FileManager.default.createDirectory(
      atPath: (sample as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: JourneyProcess.repositoryRoot + "/examples/ledger", toPath: sample)
    for directory in ["/", dir.path] {
      let result = try run(journey, ["state", "--authority", "Trafford", "--as-of", "2020-01-01"], in: directory)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("Grades in force on 2020-01-01"))
      #expect(result.stdout.contains("Ledger: \(sample)\n"))
    }
  }

  @Test("called through a symbolic link on the PATH, the build in a checkout finds the checkout's sample")
  func throughSymlink() throws {
    let dir = TemporaryDirectory()
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/journey", withDestinationPath: JourneyProcess.executable)
    let result = try run(
      "/bin/sh", ["-c", "PATH=\(dir.path):$PATH journey state --authority Trafford --json"], in: "/")
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["ledger"] as? String == JourneyProcess.repositoryRoot + "/examples/ledger")
  }

  @Test("with no sample anywhere, the error says where it looked and how to fix it")
  func missingSample() throws {
    let dir = TemporaryDirectory()
    let journey = try install(in: dir)
    let result = try run(journey, ["state", "--authority", "Trafford"], in: dir.path)
    #expect(result.status == 1)
    #expect(
      result.stderr.hasPrefix(
        "error: no ledger given, and the shipped sample ledger is not in \(dir.path)/examples/ledger, \(dir.path)/bin/journey-sample-ledger"
      ))
    #expect(result.stderr.contains("hint: give --ledger DIR or set JOURNEY_LEDGER"))
    #expect(!result.stderr.contains("is not a ledger"))
  }
}
