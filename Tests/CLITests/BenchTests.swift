import EventStore
import Foundation
import JourneyBenchKit
import JourneyDomain
import ProjectionTestKit
import Projections
import Testing

@Suite("The benchmark's synthetic ledger and harness (no timings asserted)", .serialized)
struct BenchTests {
  func build(_ path: String, events: Int, seed: UInt64) throws {
    let ledger = try Ledger(at: path, create: true, clock: .fixed(1_795_478_400))
    try SyntheticLedger(seed: seed, count: events).generate { _ = try ledger.append($0) }
  }

  @Test("the generator is deterministic: same seed, same bytes; another seed, other bytes")
  func deterministic() throws {
    let dir = TemporaryDirectory()
    try build(dir.path + "/a", events: 3000, seed: 5)
    try build(dir.path + "/b", events: 3000, seed: 5)
    try build(dir.path + "/c", events: 3000, seed: 6)
    let a = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/a/segments/0000000000000001.jsonl"))
    let b = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/b/segments/0000000000000001.jsonl"))
    let c = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/c/segments/0000000000000001.jsonl"))
    #expect(a == b)
    #expect(a != c)
    #expect(try Verifier.verify(at: dir.path + "/a").records == 3000)
  }

  @Test("every generated event is a valid domain event, with the valid time its type's rule gives")
  func valid() throws {
    var checked = 0
    try SyntheticLedger(seed: 9, count: 4000).generate { batch in
      for event in batch {
        let spec = try EventCatalogue.spec(event.type)
        let (data, valid) = try Upcaster.upcast(type: event.type, version: event.schemaVersion, data: event.data).data
          .withValidation(spec)
        _ = data
        #expect(valid == event.valid, "\(event.id)")
        checked += 1
      }
    }
    #expect(checked == 4000)
  }

  @Test("its output passes every projection's conformance check")
  func conformance() throws {
    var events: [NewEvent] = []
    SyntheticLedger(seed: 11, count: 600).generate { events += $0 }
    let filters = [ReplayFilter(), ReplayFilter(asOf: "2008-06-30", knownAt: "2009-01-01")]
    #expect(
      try ProjectionTestKit.checkConformance(JudgementHistory(), events: events, filters: filters, splits: 3).isEmpty)
    #expect(
      try ProjectionTestKit.checkConformance(WorkforceStability(), events: events, filters: filters, splits: 3).isEmpty)
    #expect(try ProjectionTestKit.checkConformance(Readiness(), events: events, filters: filters, splits: 3).isEmpty)
    #expect(try ProjectionTestKit.checkConformance(Evidence(), events: events, filters: filters, splits: 3).isEmpty)
  }

  @Test("a small-scale run of the harness completes and writes its report")
  func harness() throws {
    let dir = TemporaryDirectory()
    let bench = URL(fileURLWithPath: JourneyProcess.executable).deletingLastPathComponent().path + "/journey-bench"
    let out = dir.path + "/BENCHMARKS.md"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: bench)
    process.arguments = ["--events", "3000", "--sizes", "1000,2000", "--work", dir.path + "/work", "--out", out]
    process.currentDirectoryURL = URL(fileURLWithPath: JourneyProcess.repositoryRoot)
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let report = try String(contentsOfFile: out, encoding: .utf8)
    for row in [
      "durable append, batches of 1,000", "cold full replay", "JSONDecoder", "reading and splitting lines",
      "journey verify",
      "as-of query, one authority, cold", "as-of query, one authority, warm", "CSV import", "## Cost growth",
    ] {
      #expect(report.contains(row), "missing \(row)")
    }
  }
}

extension JSON {
  /// Validates this payload against `spec`, returning the checked payload and its valid time.
  func withValidation(_ spec: EventTypeSpec) throws -> (JSON, ValidTime?) { try spec.validate(self) }
}
