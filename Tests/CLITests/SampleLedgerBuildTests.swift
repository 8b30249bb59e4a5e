import Foundation
import JourneyBenchKit
import Testing

/// The shipped sample ledger is what `examples/build-sample-ledger.sh` builds, byte for byte.
@Suite("The sample ledger's build script, end to end", .serialized)
struct SampleLedgerBuildTests {
  /// The build script's commands, run with the test's `journey` on a ledger at `ledger`.
  static func buildScript(ledger: String) throws -> String {
    let script = try String(
      contentsOfFile: JourneyProcess.repositoryRoot + "/examples/build-sample-ledger.sh", encoding: .utf8)
    return script.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("swift build") }.joined(separator: "\n")
      .replacingOccurrences(of: ".build/debug/journey", with: JourneyProcess.executable)
      .replacingOccurrences(of: "--ledger examples/ledger", with: "--ledger " + ledger)
  }

  static func run(_ script: String) throws -> PipedProcess.Result {
    let path = JourneyProcess.repositoryRoot + "/examples/build-sample-ledger.sh"
    return try PipedProcess(
      "/bin/bash", ["-c", script, path], unset: ["JOURNEY_LEDGER", "SOURCE_DATE_EPOCH"],
      directory: JourneyProcess.repositoryRoot
    ).finish()
  }

  @Test("a fresh build is the committed ledger byte for byte; building again appends nothing")
  func freshBuildIsCommitted() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    let script = try Self.buildScript(ledger: ledger)
    let first = try Self.run(script)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("restating held facts 2"))
    let committed = JourneyProcess.repositoryRoot + "/examples/ledger"
    for file in ["ledger.json", "segments/0000000000000001.jsonl"] {
      let built = FileManager.default.contents(atPath: ledger + "/" + file)
      #expect(built != nil && built == FileManager.default.contents(atPath: committed + "/" + file), "\(file)")
    }
    let again = try Self.run(script)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("appended 0, already present"))
    #expect(again.stderr.components(separatedBy: "events appended 0 (").count == 3)
    #expect(
      FileManager.default.contents(atPath: ledger + "/ledger.json")
        == FileManager.default.contents(atPath: committed + "/ledger.json"))
  }
}
