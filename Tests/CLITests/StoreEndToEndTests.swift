import Foundation
import Testing

@Suite("journey append, read and verify, end to end")
struct StoreEndToEndTests {
  private func lines(_ range: ClosedRange<Int>, prefix: String) -> String {
    range.map { #"{"id":"\#(prefix)-\#($0)","type":"note","stream":"\#(prefix)","data":{"n":\#($0)}}"# }
      .joined(separator: "\n") + "\n"
  }

  @Test("append prints positions, read prints the records, verify prints count and head")
  func roundTrip() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    let append = try JourneyProcess.run(["append", "--ledger", ledger], stdin: lines(1...3, prefix: "a"))
    #expect(append.status == 0)
    #expect(append.stdout == "1\n2\n3\n")
    #expect(append.stderr == "appended 3 events; head is position 3\n")
    let read = try JourneyProcess.run(["read", "--ledger", ledger, "--from", "2", "--limit", "1"])
    #expect(read.stdout.hasPrefix(#"{"pos":2,"id":"a-2","type":"note","v":1,"stream":"a","valid":null,"#))
    let verify = try JourneyProcess.run(["verify", "--ledger", ledger])
    #expect(verify.status == 0)
    #expect(verify.stdout.hasPrefix("ok: 3 records in 1 segment"))
  }

  @Test("a bad line appends nothing and names the line and field")
  func badLine() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    let input = lines(1...2, prefix: "a") + #"{"type":"note","data":[1]}"# + "\n"
    let result = try JourneyProcess.run(["append", "--ledger", ledger], stdin: input)
    #expect(result.status == 1)
    #expect(result.stderr == "error: stdin line 3, field data: required, a JSON object\n")
    #expect(!FileManager.default.fileExists(atPath: ledger + "/segments/0000000000000001.jsonl"))
  }

  @Test("one large batch is streamed: lines across read chunks, CRLF and blank lines, positions in input order")
  func largeBatch() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    let padding = String(repeating: "p", count: 700)
    var input = ""
    for n in 1...3_000 {
      input +=
        #"{"id":"big-\#(n)","type":"note","stream":"big","data":{"n":\#(n),"pad":"\#(padding.prefix(n % 700))"}}"#
      input += n % 3 == 0 ? "\r\n" : "\n"
      if n % 500 == 0 { input += "  \n" }
    }
    // Already stored: keeps position 1.
    input += #"{"id":"big-1","type":"note","stream":"big","data":{"n":1,"pad":"p"}}"# + "\n"
    let result = try JourneyProcess.run(["append", "--ledger", ledger], stdin: input)
    #expect(result.status == 0)
    #expect(result.stdout == (1...3_000).map { "\($0)\n" }.joined() + "1\n")
    #expect(result.stderr == "appended 3000 events (1 already stored); head is position 3000\n")
    let verify = try JourneyProcess.run(["verify", "--ledger", ledger])
    #expect(verify.status == 0)
  }

  @Test("usage errors exit 64 with a suggestion")
  func usage() throws {
    let typo = try JourneyProcess.run(["verify", "--ledgr", "/tmp/x"])
    #expect(typo.status == 64)
    #expect(typo.stderr == "error: unknown option '--ledgr' for 'verify'\nhint: did you mean --ledger?\n")
    let noLedger = try JourneyProcess.run(["append"], stdin: lines(1...1, prefix: "a"))
    #expect(noLedger.status == 64)
  }

  /// A late line of a big input that `journey append` refuses, and the error it gives.
  struct LateBadLine: Sendable, CustomTestStringConvertible {
    let line: String
    let error: String
    var testDescription: String { error }
  }

  @Test(
    "a bad line late in a big batch appends nothing and names its line",
    arguments: [
      LateBadLine(
        line: #"{"type":"note","data":[1]}"#, error: "error: stdin line 19996, field data: required, a JSON object\n"),
      LateBadLine(
        line: #"{"id":"late","type":"note","data":{},"valid":"2024-13-01"}"#,
        error:
          "error: event 19995 (id 'late'): valid time must be ISO dates YYYY-MM-DD, got '2024-13-01'..'2024-13-01'\n"
      ),
    ])
  func lateBadLine(_ bad: LateBadLine) throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    _ = try JourneyProcess.run(["append", "--ledger", ledger], stdin: lines(1...3, prefix: "a"))
    let input = lines(1...19_994, prefix: "b") + "\n" + bad.line + "\n" + lines(19_996...20_000, prefix: "b")
    let result = try JourneyProcess.run(["append", "--ledger", ledger], stdin: input)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix(bad.error))
    let verify = try JourneyProcess.run(["verify", "--ledger", ledger])
    #expect(verify.stdout.hasPrefix("ok: 3 records in 1 segment"))
  }

  @Test("--batch-size appends as it reads: a bad line stops at its batch, earlier batches stay, and names its line")
  func batchesUpToABadLine() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    let input =
      lines(1...2_500, prefix: "c") + #"{"type":"note","data":{},"v":0}"# + "\n" + lines(2_502...3_000, prefix: "c")
    let result = try JourneyProcess.run(["append", "--ledger", ledger, "--batch-size", "1000"], stdin: input)
    #expect(result.status == 1)
    #expect(result.stdout == (1...2_000).map { "\($0)\n" }.joined())
    #expect(
      result.stderr
        == "earlier batches stay appended: appended 2000 events; head is position 2000\n"
        + "error: stdin line 2501, field v: expected a positive whole number\n")
    let verify = try JourneyProcess.run(["verify", "--ledger", ledger])
    #expect(verify.stdout.hasPrefix("ok: 2000 records in 1 segment"))
    let rest = try JourneyProcess.run(
      ["append", "--ledger", ledger, "--batch-size", "1000", "--expected-position", "2000"],
      stdin: lines(2_001...3_000, prefix: "c"))
    #expect(rest.status == 0)
    #expect(rest.stderr == "appended 1000 events; head is position 3000\n")
  }

  @Test("4 processes x 500 single-event appends give positions 1...2000 with no duplicates")
  func concurrentWriters() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/ledger"
    let writers = try (1...4).map { w in
      try JourneyProcess.start(
        ["append", "--ledger", ledger, "--batch-size", "1"], stdin: lines(1...500, prefix: "w\(w)"))
    }
    let results = writers.map { $0.finish() }
    #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
    let acknowledged = results.flatMap { $0.stdout.split(separator: "\n").map { Int($0)! } }
    #expect(Set(acknowledged).count == 2000)
    let read = try JourneyProcess.run(["read", "--ledger", ledger])
    let records = read.stdout.split(separator: "\n").map {
      try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    #expect(records.map { $0["pos"] as! Int } == Array(1...2000))
    #expect(Set(records.map { $0["id"] as! String }).count == 2000)
    #expect(Set(acknowledged) == Set(1...2000))
    let verify = try JourneyProcess.run(["verify", "--ledger", ledger])
    #expect(verify.status == 0)
    #expect(verify.stdout.hasPrefix("ok: 2000 records"))
  }
}
