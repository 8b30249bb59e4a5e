import Foundation
import Testing

/// `journey correct` and the checks of `journey record`, on a copy of the sample ledger.
@Suite("correct and record: refusals, and a corrected value says so wherever it is shown", .serialized)
struct CorrectEndToEndTests {
  /// A fresh ledger holding the sample events.
  func sampleCopy(_ dir: TemporaryDirectory) throws -> String {
    let ledger = dir.path + "/l"
    let files = try FileManager.default.contentsOfDirectory(
      atPath: JourneyProcess.repositoryRoot + "/examples/sample-ledger"
    )
    .filter { $0.hasSuffix(".jsonl") }.sorted().map { JourneyProcess.repositoryRoot + "/examples/sample-ledger/" + $0 }
    let imported = try JourneyProcess.run(["import", "events"] + files + ["--ledger", ledger])
    #expect(imported.status == 0, "\(imported.stderr)")
    return ledger
  }

  struct Refusal: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let status: Int32
    let stderr: String
    var testDescription: String { stderr }
  }

  static let source = ["--source-file", "x.txt", "--source-lines", "3", "--quote", "average 18"]
  static let correct = ["correct", "--reason", "the report says 18", "--reported", "2022-06-01"]

  @Test(
    "refused, and nothing appended",
    arguments: [
      Refusal(
        arguments: correct + ["--id", "nope", "--set", "value=18"] + source, status: 1,
        stderr: "error: option --id: no event 'nope' in"),
      Refusal(
        arguments: correct + ["--id", "trafford-caseload-2022", "--set", "valu=18"] + source, status: 64,
        stderr: "error: option --set valu: workforce_figure has no field 'valu'"),
      Refusal(
        arguments: correct + ["--id", "trafford-caseload-2022", "--set", "value=abc"] + source, status: 64,
        stderr: "error: invalid value 'abc' for --set value: expected a number"),
      Refusal(
        arguments: correct + ["--id", "trafford-caseload-2022", "--set", "unit=furlongs"] + source, status: 1,
        stderr: "error: option --set unit: expected one of percent"),
      Refusal(
        arguments: [
          "correct", "--reason", "r", "--reported", "2022-05-01", "--id", "trafford-caseload-2022", "--set", "value=18",
        ] + source,
        status: 1,
        stderr:
          "error: option --reported: reported 2022-05-01 is before 'trafford-caseload-2022' was reported (2022-05-31)"),
      Refusal(
        arguments: correct + ["--id", "trafford-caseload-2022", "--set", "value=18"], status: 64,
        stderr: "error: no source: give --source-file, --source-lines and --quote\nhint: or --unsourced"),
      Refusal(
        arguments: [
          "record", "correction", "--authority", "Trafford", "--reported", "2022-06-01", "--target", "nope", "--fields",
          #"{"value":1}"#,
          "--reason", "r",
        ] + source, status: 1, stderr: "error: option --target: refers to 'nope', which is not in the ledger"),
      Refusal(
        arguments: [
          "record", "monitoring_visit", "--authority", "Trafford", "--reported", "2022-03-01", "--fieldwork-start",
          "2022-03-10",
          "--fieldwork-end", "2022-03-11", "--focus", "x",
        ] + source, status: 1,
        stderr: "error: option --reported: reported 2022-03-01 is before the event it reports (which starts 2022-03-10)"
      ),
      Refusal(
        arguments: [
          "record", "monitoring_visit", "--authority", "Trafford", "--reported", "2022-05-01", "--fieldwork-start",
          "2022-03-10",
          "--fieldwork-end", "2022-03-11", "--focus", "x",
        ], status: 64, stderr: "error: no source"),
      Refusal(
        arguments: [
          "record", "monitoring_visit", "--authority", "Trafford", "--reported", "2022-05-01", "--fieldwork-start",
          "2022-03-10",
          "--fieldwork-end", "2022-03-11", "--focuss", "x",
        ] + source, status: 64, stderr: "error: unknown option '--focuss' for 'record monitoring_visit'"),
      Refusal(
        arguments: [
          "record", "workforce_figure", "--authority", "Trafford", "--reported", "2022-05-01", "--measure", "caseload",
          "--value", "many", "--unit", "cases_per_worker", "--period", "2022-04", "--source-kind", "local_mi",
        ] + source, status: 64,
        stderr: "error: invalid value 'many' for --value: expected a number"),
    ])
  func refused(_ refusal: Refusal) throws {
    let dir = TemporaryDirectory()
    let ledger = try sampleCopy(dir)
    let before = try JourneyProcess.run(["verify", "--ledger", ledger, "--json"]).stdout
    let result = try JourneyProcess.run(refusal.arguments + ["--ledger", ledger])
    #expect(result.status == refusal.status, "\(result.stderr)")
    #expect(result.stderr.hasPrefix(refusal.stderr), "\(result.stderr)")
    #expect(try JourneyProcess.run(["verify", "--ledger", ledger, "--json"]).stdout == before)
  }

  @Test(
    "a correction is one command, and state, export and the report say what it corrected, by what and from which source"
  )
  func corrected() throws {
    let dir = TemporaryDirectory()
    let ledger = try sampleCopy(dir)
    let done = try JourneyProcess.run(
      Self.correct + ["--id", "trafford-caseload-2022-sc", "--set", "value=18", "--correction-id", "fix-caseload"]
        + Self.source + ["--ledger", ledger])
    #expect(done.status == 0, "\(done.stderr)")
    // trafford-caseload-2022-sc restates trafford-caseload-2022: the fact keeps the first id.
    let note = "corrected from 17 cases (2022-05-31) by x.txt:3, 2022-06-01: the report says 18"
    let state = try JourneyProcess.run([
      "state", "--authority", "Trafford", "--as-of", "2022-06-30", "--ledger", ledger, "--json",
    ])
    #expect(state.stdout.contains("\"correction\":\"\(note)\""))
    let export = try JourneyProcess.run(["export", "--format", "jsonl", "--authority", "Trafford", "--ledger", ledger])
    let row = try #require(
      export.stdout.split(separator: "\n").first { $0.contains("\"id\":\"trafford-caseload-2022\"") })
    #expect(
      row.contains("\"corrected_from\":\"17\"") && row.contains("\"corrected_by\":\"fix-caseload\"")
        && row.contains("\"value\":18"))
    let html = dir.path + "/r.html"
    #expect(
      try JourneyProcess.run(["report", "--authority", "Trafford", "--ledger", ledger, "--out", html]).status == 0)
    #expect(
      try String(contentsOfFile: html, encoding: .utf8).contains(
        "corrected from 17 cases (2022-05-31) by <span class=\"cite\">x.txt:3</span>, 2022-06-01: the report says 18"))
  }

  @Test("--unsourced records an event without a source, shown as unsourced")
  func unsourced() throws {
    let dir = TemporaryDirectory()
    let ledger = try sampleCopy(dir)
    let recorded = try JourneyProcess.run([
      "record", "monitoring_visit", "--ledger", ledger, "--authority", "Trafford", "--reported", "2022-05-01",
      "--fieldwork-start", "2022-03-10",
      "--fieldwork-end", "2022-03-11", "--focus", "x", "--unsourced", "--id", "mv-unsourced",
    ])
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let timeline = try JourneyProcess.run(["timeline", "--authority", "Trafford", "--ledger", ledger])
    #expect(timeline.stdout.contains("source: unsourced, reported 2022-05-01"))
    let log = try JourneyProcess.run(["timeline", "--authority", "Trafford", "--ledger", ledger, "--json"])
    #expect(log.stdout.contains("\"citation\":\"unsourced\""))
  }
}
