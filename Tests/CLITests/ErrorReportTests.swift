import EventStore
import Foundation
import JourneyCLI
import JourneyDomain
import Projections
import Testing

/// One row: an error thrown by real code (or built, for failures only a broken disk gives), and
/// exactly how `journey` reports it.
struct ReportCase: Sendable, CustomTestStringConvertible {
  let code: String
  let error: @Sendable () -> any Error
  let text: String
  let status: JourneyCLI.ExitStatus
  var testDescription: String { code }

  /// The error `body` throws (a row whose body does not throw fails the test).
  init(
    _ code: String, _ body: @escaping @Sendable () throws -> Void, text: String,
    status: JourneyCLI.ExitStatus = .failure
  ) {
    self.code = code
    self.error = {
      do { try body() } catch { return error }
      return CLIError.failure("expected an error, got none")
    }
    self.text = text
    self.status = status
  }
}

private func event(_ type: String, _ data: String, extra: String = "") -> String {
  #"{"type":"\#(type)","authority":"Trafford","reported":"2022-07-05"\#(extra),"data":\#(data)}"#
}

private let milestone = #"{"milestone":"other","date":"2021","description":"d"}"#

@Suite("Every module's errors reported one way: error and hint lines, exit 1 or 64")
struct ErrorReportTests {
  static let domain: [ReportCase] = [
    ReportCase(
      "DomainError.invalidValue",
      {
        _ = try EventLine.parseBatch(
          event(
            "workforce_figure",
            #"{"measure":"turnover_rate","value":116.8,"unit":"percent","period":"2021-22","source_kind":"local_mi"}"#))
      },
      text: "error: line 1, field data.value: percentage 116.8 is outside 0–100\n"),
    ReportCase(
      "DomainError.invalidDate", { _ = try Day(iso: "2021-02-31") },
      text: "error: invalid date '2021-02-31': February 2021 has 28 days, not 31\n"),
    ReportCase(
      "DomainError.invalidPeriod", { _ = try Period(parsing: "2021-22 Q5") },
      text: "error: invalid quarter '2021-22 Q5': quarters run Q1 (April–June) to Q4 (January–March)\n"),
    ReportCase(
      "DomainError.missingField",
      { _ = try EventLine.parseBatch(#"{"type":"plan_milestone","reported":"2022-07-05","data":{}}"#) },
      text: "error: line 1, field authority: missing; expected an authority name or code\n"),
    ReportCase(
      "DomainError.unknownField",
      { _ = try EventLine.parseBatch(event("plan_milestone", milestone, extra: #","colour":"red""#)) },
      text: "error: line 1, field colour: unknown field; expected authority, data, id, reported, source, type, v\n"),
    ReportCase(
      "DomainError.unknownEventType", { _ = try EventCatalogue.spec("inspektion") },
      text:
        "error: field type: unknown event type 'inspektion'; did you mean intervention?\nhint: 'journey types' lists the event types\n"
    ),
    ReportCase(
      "DomainError.unknownAuthority", { _ = try AuthorityRegistry.shared.resolve("Traford") },
      text: """
        error: unknown authority 'Traford'; did you mean Trafford, Bradford, Bedford?
        hint: give a name (Trafford), an ONS code (E08000009) or a DfE number (358); 'journey authorities' lists them

        """),
    ReportCase(
      "DomainError.duplicateID",
      {
        _ = try EventLine.parseBatch(
          [
            event("plan_milestone", milestone, extra: #","id":"m1""#),
            event("plan_milestone", milestone, extra: #","id":"m1""#),
          ].joined(separator: "\n"))
      },
      text: "error: line 2, field id: id 'm1' is already used on line 1\n"),
    ReportCase(
      "DomainError.unresolvedReference",
      { _ = try EventLine.parseBatch(event("retraction", #"{"target":"nowhere","reason":"r"}"#)) },
      text: "error: line 1, field data: refers to 'nowhere', which is neither in this input nor in the ledger\n"),
    ReportCase(
      "DomainError.newerSchema", { _ = try Upcaster.upcast(type: "workforce_figure", version: 3, data: [:]) },
      text: "error: workforce_figure schema version 3 is newer than this journey knows (2)\nhint: upgrade journey\n"),
    ReportCase(
      "DomainError.malformedInput", { _ = try EventLine.parseBatch("[1, 2]") },
      text: "error: line 1: expected a JSON object, not array\n"),
    ReportCase(
      "DomainError.unreadableFile",
      {
        _ = try CSWWImporter(path: "/nonexistent/csww.csv", released: Day(iso: "2024-02-29")).plan(current: { _ in nil }
        )
      },
      text: "error: cannot read /nonexistent/csww.csv\n"),
  ]

  static let others: [ReportCase] = [
    ReportCase(
      "StoreError.conflict",
      { throw StoreError(.conflict, "expected position 41, log is at 42", hint: "re-read the log and retry") },
      text: "error: expected position 41, log is at 42\nhint: re-read the log and retry\n"),
    ReportCase(
      "StoreError.duplicateID", { throw StoreError(.duplicateID, "id 'a' is stored with other content") },
      text: "error: id 'a' is stored with other content\n"),
    ReportCase(
      "StoreError.corrupt", { _ = try LedgerReader(at: corruptLedger).forEach { _ in true } },
      text:
        "error: \(corruptMessage)\nhint: run 'journey verify' for a full report; the log is never repaired silently\n"),
    ReportCase(
      "StoreError.io",
      { throw StoreError(.io, "write /full/ledger: No space left on device", hint: "free some space") },
      text: "error: write /full/ledger: No space left on device\nhint: free some space\n"),
    ReportCase(
      "StoreError.unsupportedFormat",
      { throw StoreError(.unsupportedFormat, "format version 9 is newer than this journey knows") },
      text: "error: format version 9 is newer than this journey knows\n"),
    ReportCase(
      "StoreError.invalidInput", { _ = try JSONParser.parse("{") },
      text: "error: \(parseMessage("{"))\n"),
    ReportCase(
      "StoreError.notFound", { _ = try LedgerReader(at: "/nonexistent/ledger") },
      text: "error: \(notFoundText)"),
    ReportCase(
      "ProjectionError.damagedCheckpoint",
      {
        var reader = CheckpointReader([0x05])
        _ = try reader.string()
      },
      text: "error: the checkpoint is damaged\nhint: it is rebuilt by a full replay; nothing needs doing\n"),
    ReportCase(
      "ProjectionError.undecodableEvent",
      { throw ProjectionError(.undecodableEvent, "event 'a' at position 3: bad JSON", position: 3) },
      text: "error: event 'a' at position 3: bad JSON\n"),
    ReportCase(
      "ProjectionError.upcastFailed", { _ = try replayNewerSchema() },
      text:
        "error: event 'w1' at position 1: workforce_figure schema version 3 is newer than this journey knows (2)\nhint: upgrade journey\n"
    ),
    ReportCase(
      "CLIError.usage",
      {
        throw CLIError.usage(
          option: "as-of", DomainError(.invalidDate, "invalid date '2021-02-31': February 2021 has 28 days, not 31"))
      },
      text: "error: option --as-of: invalid date '2021-02-31': February 2021 has 28 days, not 31\n", status: .usage),
    ReportCase(
      "CLIError.failure", { throw CLIError.failure("no visit 'x' for Trafford", hint: "did you mean y?") },
      text: "error: no visit 'x' for Trafford\nhint: did you mean y?\n"),
  ]

  @Test("each domain code, thrown by the code that raises it", arguments: domain)
  func domainCodes(_ c: ReportCase) {
    let report = ErrorReport(c.error())
    #expect(report.text == c.text)
    #expect(report.status == c.status)
    #expect((c.error() as? DomainError)?.code.rawValue == c.code.split(separator: ".").last.map(String.init))
  }

  @Test("each code of the store, the projections and the command line", arguments: others)
  func otherCodes(_ c: ReportCase) {
    let error = c.error()
    #expect(ErrorReport(error).text == c.text)
    #expect(ErrorReport(error).status == c.status)
    let code: String? =
      switch error {
      case let e as StoreError: "StoreError.\(e.code.rawValue)"
      case let e as ProjectionError: "ProjectionError.\(e.code.rawValue)"
      case let e as CLIError: "CLIError.\(e.kind)"
      default: nil
      }
    #expect(code == c.code)
  }

  @Test("the tables cover every code of every module")
  func everyCode() {
    let covered = Set((Self.domain + Self.others).map(\.code))
    let all =
      DomainError.Code.allCases.map { "DomainError.\($0.rawValue)" }
      + StoreError.Code.allCases.map { "StoreError.\($0.rawValue)" }
      + ProjectionError.Code.allCases.map { "ProjectionError.\($0.rawValue)" } + ["CLIError.usage", "CLIError.failure"]
    #expect(Set(all).subtracting(covered).sorted() == [])
  }
}

/// The message the JSON parser gives for `text` (the store's wording, not restated here).
private func parseMessage(_ text: String) -> String {
  do { _ = try JSONParser.parse(text) } catch { return (error as? StoreError)?.message ?? "" }
  return ""
}

/// How a missing ledger is reported, taken from the store's own error.
private let notFoundText: String = {
  do { _ = try LedgerReader(at: "/nonexistent/ledger") } catch {
    return ErrorReport(error).text.replacingOccurrences(of: "error: ", with: "", options: .anchored)
  }
  return ""
}()

/// A ledger with one event whose segment line was damaged after it was written.
private let corruptLedger: String = try! damagedLedger()

private func damagedLedger() throws -> String {
  let directory = FileManager.default.temporaryDirectory.path + "/journey-error-report-" + UUID().uuidString
  let ledger = try Ledger(at: directory, create: true)
  _ = try ledger.append([NewEvent(id: "a", type: "note", stream: "demo", data: ["text": "hello"])])
  let segment =
    directory + "/segments/"
    + (try FileManager.default.contentsOfDirectory(atPath: directory + "/segments").sorted()[0])
  let text = try String(contentsOfFile: segment, encoding: .utf8).replacingOccurrences(
    of: #""hello""#, with: #"hello""#)
  try text.write(toFile: segment, atomically: false, encoding: .utf8)
  return directory
}

private let corruptMessage: String = {
  do { _ = try LedgerReader(at: corruptLedger).forEach { _ in true } } catch {
    return (error as? StoreError)?.message ?? "\(error)"
  }
  return ""
}()

/// Replays a log holding a workforce figure in a schema version newer than this build knows.
private func replayNewerSchema() throws -> WorkforceStability.State {
  let directory = FileManager.default.temporaryDirectory.path + "/journey-error-report-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: directory) }
  let ledger = try Ledger(at: directory, create: true)
  _ = try ledger.append([
    NewEvent(id: "w1", type: "workforce_figure", schemaVersion: 3, stream: "la:358", data: ["value": 1])
  ])
  return try ReplayEngine(ledger: directory, upcast: Upcaster.forReplay, useCheckpoints: false).run(
    WorkforceStability()
  ).state
}

@Suite("Errors of every module through the built journey binary")
struct ErrorReportEndToEndTests {
  /// One run: the commands before it (arguments, stdin), the run itself, and what it must print.
  struct Run: Sendable, CustomTestStringConvertible {
    let name: String
    var setup: [([String], String)] = []
    let arguments: [String]
    var stdin = ""
    let status: Int32
    let stderr: String
    var testDescription: String { name }
  }

  static let runs: [Run] = [
    Run(
      name: "a domain error keeps its hint (it was dropped before)", arguments: ["types", "inspektion"], status: 64,
      stderr:
        "error: unknown event type 'inspektion'; did you mean intervention?\nhint: 'journey types' lists the event types\n"
    ),
    Run(
      name: "a projection error during a query names the event and keeps the domain's hint",
      setup: [
        (
          ["append", "--ledger", "LEDGER"],
          #"{"id":"w1","type":"workforce_figure","stream":"la:358","v":3,"data":{"value":1}}"#
        )
      ],
      arguments: ["state", "--authority", "Trafford", "--ledger", "LEDGER"], status: 1,
      stderr:
        "error: event 'w1' at position 1: workforce_figure schema version 3 is newer than this journey knows (2)\nhint: upgrade journey\n"
    ),
    Run(
      name: "an option value the domain rejects is a usage error naming the option",
      arguments: ["history", "--authority", "Trafford", "--known-at", "2021-13-01"], status: 64,
      stderr: "error: option --known-at: invalid date '2021-13-01': month 13 does not exist\n"),
    Run(
      name: "a store error keeps its hint",
      setup: [(["append", "--ledger", "LEDGER"], #"{"id":"a","type":"note","stream":"demo","data":{}}"#)],
      arguments: ["append", "--ledger", "LEDGER", "--expected-position", "5"],
      stdin: #"{"id":"b","type":"note","stream":"demo","data":{}}"#, status: 1,
      stderr:
        "error: expected position 5, but the log is at position 1\nhint: re-read the log from position 6 and retry with --expected-position 1\n"
    ),
  ]

  @Test("error and hint lines and the exit status", arguments: runs)
  func reports(_ run: Run) throws {
    let directory = TemporaryDirectory()
    let ledger = directory.path + "/ledger"
    func resolved(_ arguments: [String]) -> [String] { arguments.map { $0 == "LEDGER" ? ledger : $0 } }
    for (arguments, stdin) in run.setup {
      #expect(try JourneyProcess.run(resolved(arguments), stdin: stdin).status == 0)
    }
    let result = try JourneyProcess.run(resolved(run.arguments), stdin: run.stdin)
    #expect(result.stderr == run.stderr)
    #expect(result.status == run.status)
  }
}
