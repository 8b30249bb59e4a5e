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
