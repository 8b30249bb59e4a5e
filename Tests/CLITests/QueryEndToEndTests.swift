import Foundation
import Testing

@Suite("journey query commands on the shipped sample ledger, end to end")
struct QueryEndToEndTests {
  @Test("state answers with its time axes, grades in force and sources")
  func state() throws {
    let result = try JourneyProcess.run(["state", "--authority", "Trafford", "--as-of", "2020-01-01"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix(
        "State of Trafford (la:358) as of 2020-01-01 (valid time), with everything the ledger knows"))
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(rows.contains("Overall effectiveness Inadequate"))
    #expect(rows.contains("Help and protection Requires improvement to be good"))
    #expect(result.stdout.contains("not graded: no separate judgement before 2023"))
    #expect(result.stdout.contains("in force since 2019-05-08 (publication)"))
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
  }

  @Test("state --json has the documented shape")
  func stateJSON() throws {
    let result = try JourneyProcess.run([
      "state", "--authority", "358", "--as-of", "2022-06-30", "--known-at", "2022-07-05", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(
      Set(json.keys) == [
        "ledger", "query", "in_force", "status", "monitoring", "latest_figures", "stability_index", "readiness",
        "conflicts",
      ])
    let query = try #require(json["query"] as? [String: Any])
    #expect(query["as_of"] as? String == "2022-06-30")
    #expect(query["known_at"] as? String == "2022-07-05")
    let monitoring = try #require(json["monitoring"] as? [String: Any])
    #expect((monitoring["visits"] as? [Any])?.count == 3)
  }

  @Test("log prints the journey from the 2015 inspection to the June 2026 one (Ofsted's data), with sources")
  func log() throws {
    let result = try JourneyProcess.run(["log", "--authority", "Trafford", "--type", "ilacs_inspection"])
    #expect(result.status == 0, "\(result.stderr)")
    // An entry is a line that starts with its date and the wrapped lines below it.
    var entries: [String] = []
    for line in result.stdout.split(separator: "\n").drop(while: { !$0.hasPrefix("----------") }).dropFirst() {
      if line.hasPrefix("20") {
        entries.append(String(line))
      } else if !entries.isEmpty {
        entries[entries.count - 1] += line
      }
    }
    #expect(entries.first?.hasPrefix("2015-01-01  ilacs_inspection") == true)
    #expect(entries.last?.hasPrefix("2026-06-08  ilacs_inspection") == true)
    #expect(entries.allSatisfy { $0.contains(":") })
    #expect(entries.contains { $0.hasPrefix("2019-03-04") && $0.contains("ofsted_csc_ilacs_history_north_wes") })
  }

  @Test("log, timeline and the report's evidence appendix name each source's document and part beside file and lines")
  func citationsNameDocumentAndPart() throws {
    let pack = "Trafford Children and Young People's Scrutiny Committee, agenda pack, 27 September 2022"
    let part = "Report: Children's Services' Improvement Activity, September 2022"
    let log = try JourneyProcess.run(["log", "--authority", "Trafford", "--type", "ilacs_inspection"])
    #expect(log.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("source 000: " + pack))
    #expect(log.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
    let csv = try JourneyProcess.run([
      "log", "--authority", "Trafford", "--type", "ilacs_inspection", "--format", "csv",
    ])
    #expect(csv.stdout.contains("\"000:866, \(part)\""))
    let timeline = try JourneyProcess.run(["timeline", "--authority", "Trafford", "--format", "csv"])
    #expect(timeline.stdout.contains("000_84c332c63edd5a81.txt:866,\"\(pack) › \(part)\""))
    let dir = TemporaryDirectory()
    let report = try JourneyProcess.run(["report", "--authority", "Trafford", "--out", dir.path + "/r.html"])
    #expect(report.status == 0, "\(report.stderr)")
    let html = try String(contentsOfFile: dir.path + "/r.html", encoding: .utf8)
    // The appendix shortens a source document's file name to its number (000 is 000_84c332c63edd5a81.txt) so it fits A4.
    #expect(
      html.contains(
        "\(pack) › \(part), <span class=\"cite\">000:866</span>".replacingOccurrences(of: "'", with: "&#39;")))
  }

  @Test(
    "history, timeline, compare, diff, readiness and projections answer",
    arguments: [
      ["history", "--authority", "Trafford", "--format", "csv"],
      ["timeline", "--authority", "Bury"],
      ["compare", "--authority", "Trafford", "--visit", "trafford-mv-2022-03", "--window", "12m", "--json"],
      ["diff", "--authority", "Trafford", "--from", "2022-11-01", "--to", "2023-01-31"],
      ["readiness", "--authority", "Trafford", "--as-of", "2022-10-01"],
      ["rereferrals", "--authority", "Trafford"],
      ["projections"],
      ["authorities", "Bury"],
    ])
  func answers(_ arguments: [String]) throws {
    let result = try JourneyProcess.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.isEmpty)
    #expect(result.stderr.isEmpty)
  }

  struct Misuse: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let status: Int32
    let stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  @Test(
    "bad input is refused clearly with the right exit status",
    arguments: [
      Misuse(arguments: ["stat"], status: 64, stderr: "error: unknown command 'stat'\nhint: did you mean 'state'?\n"),
      Misuse(
        arguments: ["state", "--authority", "Trafford", "--as-off", "2020-01-01"], status: 64,
        stderr: "error: unknown option '--as-off' for 'state'\nhint: did you mean --as-of?\n"),
      Misuse(
        arguments: ["state", "--authority", "Trafford", "--as-of", "2021-02-31"], status: 64,
        stderr: "error: option --as-of: invalid date '2021-02-31': February 2021 has 28 days, not 31\n"),
      Misuse(
        arguments: ["state", "--as-of", "2020-01-01"], status: 64,
        stderr: "error: missing --authority for 'state'\nhint: see 'journey help state'\n"),
      Misuse(
        arguments: ["history", "--authority", "Traford"], status: 64,
        stderr:
          "error: unknown authority 'Traford'; did you mean Trafford, Bradford, Bedford?\nhint: give a name (Trafford), an ONS code (E08000009) or a DfE number (358); 'journey authorities' lists them\n"
      ),
      Misuse(
        arguments: ["history", "--authority", "Trafford", "--format", "jsn"], status: 64,
        stderr: "error: invalid value 'jsn' for --format: expected table, json or csv\nhint: did you mean json?\n"),
      Misuse(
        arguments: ["compare", "--authority", "Trafford", "--visit", "trafford-mv-2022-3"], status: 64,
        stderr: "error: no visit 'trafford-mv-2022-3' for Trafford\nhint: did you mean trafford-mv-2022-03?\n"),
      Misuse(
        arguments: ["state", "--authority", "Trafford", "--ledger", "/nonexistent"], status: 1,
        stderr:
          "error: /nonexistent is not a ledger (no ledger.json)\nhint: create one with 'journey append --ledger /nonexistent' or check the path\n"
      ),
    ])
  func misuse(_ m: Misuse) throws {
    let result = try JourneyProcess.run(m.arguments)
    #expect(result.status == m.status)
    #expect(result.stderr == m.stderr)
    #expect(result.stdout.isEmpty)
  }

  @Test("output files get the user's umask (never world-writable) and replace a symbolic link instead of following it")
  func outputFiles() throws {
    let dir = TemporaryDirectory()
    let target = dir.path + "/elsewhere.txt"
    try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
    let out = dir.path + "/report.html"
    try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: target)
    let result = try JourneyProcess.run(["report", "--authority", "Bury", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    let attributes = try FileManager.default.attributesOfItem(atPath: out)
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    let mode = (attributes[.posixPermissions] as? Int) ?? 0o777
    #expect(mode & 0o002 == 0, "world-writable: \(String(mode, radix: 8))")
    let missing = try JourneyProcess.run([
      "report", "--authority", "Bury", "--out", dir.path + "/no/such/folder/r.html",
    ])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("does not exist"))
  }

  @Test("--help, help COMMAND and --version")
  func help() throws {
    let overview = try JourneyProcess.run(["--help"])
    #expect(overview.status == 0)
    #expect(overview.stdout.contains("  state "))
    #expect(overview.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
    let help = try JourneyProcess.run(["help", "compare"])
    #expect(help.stdout.contains("Examples:"))
    #expect(try JourneyProcess.run(["compare", "--help"]).stdout == help.stdout)
    #expect(try JourneyProcess.run(["--version"]).stdout.hasPrefix("journey "))
  }
}

@Suite("journey import events and record, end to end")
struct DomainEndToEndTests {
  /// The sample ledger's source files, relative to the repository root, in name order.
  static let sampleFiles: [String] = {
    let directory = JourneyProcess.repositoryRoot + "/examples/sample-ledger"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { "examples/sample-ledger/" + $0 }
  }()

  /// How many events the sample's files hold (one per non-empty line).
  static let sampleCount: Int = sampleFiles.reduce(0) { total, file in
    let text = (try? String(contentsOfFile: JourneyProcess.repositoryRoot + "/" + file, encoding: .utf8)) ?? ""
    return total + text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
  }

  @Test("importing the sample twice appends it once; a bad line appends nothing and names file, line and field")
  func importEvents() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/l"
    let count = Self.sampleCount
    #expect(Self.sampleFiles.count == 5 && count > 200)
    let first = try JourneyProcess.run(["import", "events"] + Self.sampleFiles + ["--ledger", ledger])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("appended \(count), already present 0"))
    let again = try JourneyProcess.run(["import", "events"] + Self.sampleFiles + ["--ledger", ledger])
    #expect(again.stderr.contains("appended 0, already present \(count)"))
    let bad =
      #"{"id":"x1","type":"plan_milestone","authority":"Bury","reported":"2024-09-17","data":{"milestone":"other","date":"2024-01","description":"ok"}}"#
      + "\n"
      + #"{"id":"x2","type":"audit_result","authority":"Bury","reported":"2024-09-17","data":{"theme":"plans","measure":"percent_good_or_better","value":122,"unit":"percent","period":"2023-24 Q4"}}"#
    let refused = try JourneyProcess.run(["import", "events", "-", "--ledger", ledger], stdin: bad)
    #expect(refused.status == 1)
    #expect(
      refused.stderr
        == "error: stdin line 2, field data.value: percentage 122 is outside 0–100\nhint: nothing was appended; fix the line and run the import again\n"
    )
    let verify = try JourneyProcess.run(["verify", "--ledger", ledger])
    #expect(verify.stdout.hasPrefix("ok: \(count) records"))
  }

  @Test("several files are one batch: a reference may cross files, and an error names the file and its own line")
  func importSeveralFiles() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/l"
    let first =
      #"{"id":"x1","type":"plan_milestone","authority":"Bury","reported":"2024-09-17","data":{"milestone":"other","date":"2024-01","description":"ok"}}"#
    let restating =
      #"{"id":"x2","type":"plan_milestone","authority":"Bury","reported":"2024-10-01","data":{"milestone":"other","date":"2024-01","description":"ok","restates":"x1"}}"#
    let bad =
      #"{"id":"x3","type":"plan_milestone","authority":"Bury","reported":"2024-10-01","data":{"milestone":"other","date":"2024-01","description":"ok","restates":"nowhere"}}"#
    try first.write(toFile: dir.path + "/a.jsonl", atomically: true, encoding: .utf8)
    try (restating + "\n\n" + bad + "\n").write(toFile: dir.path + "/b.jsonl", atomically: true, encoding: .utf8)
    let refused = try JourneyProcess.run([
      "import", "events", dir.path + "/a.jsonl", dir.path + "/b.jsonl", "--ledger", ledger,
    ])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.hasPrefix("error: \(dir.path)/b.jsonl line 3, field data: refers to 'nowhere'"),
      "\(refused.stderr)")
    try (restating + "\n").write(toFile: dir.path + "/b.jsonl", atomically: true, encoding: .utf8)
    let imported = try JourneyProcess.run([
      "import", "events", dir.path + "/b.jsonl", dir.path + "/a.jsonl", "--ledger", ledger,
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("appended 2, already present 0"))
  }

  @Test("record appends one validated event; write commands never default to the sample")
  func record() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/l"
    let args = [
      "record", "monitoring_visit", "--ledger", ledger, "--authority", "Bury", "--reported", "2025-03-01",
      "--fieldwork-start", "2025-02-10", "--fieldwork-end", "2025-02-11", "--focus", "care leavers", "--focus",
      "front door", "--unsourced",
    ]
    let result = try JourneyProcess.run(args)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "1\n")
    let bad = try JourneyProcess.run([
      "record", "monitoring_visit", "--ledger", ledger, "--authority", "Bury", "--reported", "2025-03-01",
      "--fieldwork-start", "2025-02-10", "--fieldwork-end", "2025-02-01", "--focus", "x", "--unsourced",
    ])
    #expect(bad.status == 1)
    #expect(bad.stderr == "error: option --fieldwork-end: fieldwork ends (2025-02-01) before it starts (2025-02-10)\n")
    let noLedger = try JourneyProcess.run(Array(args.filter { $0 != "--ledger" && $0 != ledger }))
    #expect(noLedger.status == 64)
    #expect(noLedger.stderr.contains("write commands never write into the shipped sample"))
  }
}
