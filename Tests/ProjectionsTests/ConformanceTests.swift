import EventStore
import Foundation
import JourneyBenchKit
import JourneyDomain
import ProjectionTestKit
import Projections
import Testing

/// Random logs mixing every type the built-in projections read, plus corrections,
/// retractions, disagreements and types nobody reads.
enum RandomLog {
  static let streams = ["la:358", "la:351", "england"]
  static let grades = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]

  static func day(_ r: inout SeededRandom) -> String {
    DayMath.iso(DayMath.dayNumber("2015-01-01")! + Int.random(in: 0..<(9 * 365), using: &r))
  }

  static func make(count: Int, seed: UInt64) -> [NewEvent] {
    var r = SeededRandom(seed: seed)
    var events: [NewEvent] = []
    for i in 0..<count {
      let start = day(&r)
      let end = DayMath.iso(DayMath.dayNumber(start)! + Int.random(in: 0...90, using: &r))
      let reported = DayMath.iso(DayMath.dayNumber(end)! + Int.random(in: 0...400, using: &r))
      let stream = streams.randomElement(using: &r)!
      let id = "r\(i)"
      let kind = Int.random(in: 0..<10, using: &r)
      let earlier = events.isEmpty ? nil : events.randomElement(using: &r)!.id
      let data: JSON
      let type: String
      var version = 1
      switch kind {
      case 0:
        type = "ilacs_inspection"
        data = [
          "inspection_type": "standard", "fieldwork_start": .string(start), "fieldwork_end": .string(end),
          "published": Bool.random(using: &r) ? .string(reported) : .null,
          "judgements": ["overall_effectiveness": .string(grades.randomElement(using: &r)!)],
        ]
      case 1:
        type = "monitoring_visit"
        data = [
          "fieldwork_start": .string(start), "fieldwork_end": .string(end), "focus": ["x"],
          "findings": ["some improvement"],
        ]
      case 2, 3:
        type = "workforce_figure"
        let value = Double(Int.random(in: 0...500, using: &r)) / 10
        version = kind == 3 ? 1 : 2  // schema version 1 wrote the value as text with its unit
        data = [
          "measure": .string(["turnover_rate", "agency_rate", "vacancy_rate"].randomElement(using: &r)!),
          "value": kind == 3 ? .string("\(value)%") : .number(value), "unit": kind == 3 ? .null : "percent",
          "period": .string(start + ".." + end), "source_kind": "dfe_statistics",
        ]
      case 4:
        type = "audit_result"
        data = [
          "theme": "all_audits", "measure": "percent_inadequate",
          "value": .number(Double(Int.random(in: 0...100, using: &r))), "unit": "percent",
          "period": .string(start + ".." + end),
        ]
      case 5:
        type = "performance_indicator"
        data = [
          "metric": "re_referrals", "value": .number(Double(Int.random(in: 0...40, using: &r))), "unit": "percent",
          "period": .string(start + ".." + end),
        ]
      case 6 where earlier != nil:
        type = "correction"
        data = [
          "target": .string(earlier!), "fields": ["value": 12.5, "published": .string(reported)], "reason": "revised",
        ]
      case 7 where earlier != nil:
        type = ["retraction", "sources_disagree"].randomElement(using: &r)!
        data =
          type == "retraction"
          ? ["target": .string(earlier!), "reason": "withdrawn"]
          : [
            "events": [.string(earlier!), .string(events.randomElement(using: &r)!.id)], "topic": "t",
            "rule": "latest reported",
          ]
      default:
        type = "note_nobody_reads"
        data = ["text": "ignored"]
      }
      let valid: (String, String)? =
        ["correction", "retraction", "sources_disagree"].contains(type) ? nil : (start, end)
      events.append(
        ProjectionTestKit.event(
          id, type, stream: stream, valid: valid, reported: reported, version: version, data: data.withoutNulls))
    }
    return events
  }
}

extension JSON {
  /// The object without its null members (so optional fields can be left out above).
  var withoutNulls: JSON {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.value != .null })
  }
}

@Suite("Projection conformance")
struct ConformanceTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let check: @Sendable ([NewEvent], [ReplayFilter]) throws -> [ProjectionTestKit.Failure]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: JudgementHistory.name) {
      try ProjectionTestKit.checkConformance(JudgementHistory(), events: $0, filters: $1, upcast: Upcaster.forReplay)
    },
    Case(name: VisitTimeline.name) {
      try ProjectionTestKit.checkConformance(VisitTimeline(), events: $0, filters: $1, upcast: Upcaster.forReplay)
    },
    Case(name: WorkforceStability.name) {
      try ProjectionTestKit.checkConformance(WorkforceStability(), events: $0, filters: $1, upcast: Upcaster.forReplay)
    },
    Case(name: AuditQuality.name) {
      try ProjectionTestKit.checkConformance(AuditQuality(), events: $0, filters: $1, upcast: Upcaster.forReplay)
    },
    Case(name: AllMeasures.name) {
      try ProjectionTestKit.checkConformance(AllMeasures(), events: $0, filters: $1, upcast: Upcaster.forReplay)
    },
    Case(name: Readiness.name) {
      try ProjectionTestKit.checkConformance(Readiness(), events: $0, filters: $1, upcast: Upcaster.forReplay)
    },
  ]

  @Test(
    "on random logs (fixed seed), checkpoint + tail equals full replay, for random as-of and known-at dates",
    arguments: cases)
  func conforms(_ c: Case) throws {
    var r = SeededRandom(seed: 42)
    let filters =
      [ReplayFilter()]
      + (0..<3).map { _ in
        ReplayFilter(asOf: RandomLog.day(&r), knownAt: Bool.random(using: &r) ? RandomLog.day(&r) : nil)
      }
    let failures = try c.check(RandomLog.make(count: 120, seed: 7), filters)
    #expect(failures.isEmpty, "\(failures)")
  }

  @Test("a changed projection version, a different log or a damaged checkpoint forces a rebuild")
  func checkpointInvalidation() throws {
    let events = RandomLog.make(count: 40, seed: 11)
    let ledger = try TemporaryLedger(events)
    let engine = ReplayEngine(ledger: ledger.path, upcast: { ($1, $2) })
    let full = try engine.run(WorkforceStability())
    #expect(full.checkpoint == nil)
    #expect(try engine.run(WorkforceStability()).checkpoint == 40)

    // A damaged checkpoint: flip a byte of the state; it is rebuilt, never trusted.
    let dir = ledger.path + "/checkpoints"
    let file = try #require(
      FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasPrefix("workforce-stability@2") })
    var bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))
    bytes[bytes.count - 5] ^= 0x04
    try bytes.write(to: URL(fileURLWithPath: dir + "/" + file))
    let afterDamage = try engine.run(WorkforceStability())
    #expect(afterDamage.checkpoint == nil)
    #expect(afterDamage.state == full.state)

    // A different log with the checkpoints copied over: the hash at the position differs.
    let other = try TemporaryLedger(RandomLog.make(count: 40, seed: 12))
    try FileManager.default.copyItem(atPath: dir, toPath: other.path + "/checkpoints")
    let otherResult = try ReplayEngine(ledger: other.path, upcast: { ($1, $2) }).run(WorkforceStability())
    #expect(otherResult.checkpoint == nil)

    // A new version of the projection never reads the old version's checkpoint.
    #expect(try engine.run(WorkforceStabilityV2()).checkpoint == nil)
  }
}

@Suite("Checkpoints and a damaged log")
struct ConformanceSuiteForDamage {
  @Test("appends keep checkpoints usable; a segment written in place makes the next query re-read and refuse")
  func checkpointsAndDamage() throws {
    // Given a ledger whose checkpoints are current
    let ledger = try TemporaryLedger(RandomLog.make(count: 30, seed: 21))
    let engine = ReplayEngine(ledger: ledger.path, upcast: { ($1, $2) })
    _ = try engine.run(WorkforceStability())
    // When more events are appended, the checkpoint still serves and only the tail is replayed
    try ledger.append(RandomLog.make(count: 40, seed: 21).suffix(10))
    let afterAppend = try engine.run(WorkforceStability())
    #expect(afterAppend.checkpoint == 30)
    #expect(afterAppend.applied <= 10)
    // When one byte of the payload of an early workforce figure is changed in place
    let segments = ledger.path + "/segments"
    let segment =
      segments + "/" + (try #require(FileManager.default.contentsOfDirectory(atPath: segments).sorted().first))
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: segment)))
    let text = String(decoding: bytes, as: UTF8.self)
    let figure = try #require(text.range(of: #""type":"workforce_figure""#))
    let payload = try #require(text.range(of: #""data":{""#, range: figure.upperBound..<text.endIndex))
    let offset = text.utf8.distance(from: text.startIndex, to: payload.upperBound)
    bytes[offset] = bytes[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
    let handle = try #require(FileHandle(forUpdatingAtPath: segment))
    try handle.write(contentsOf: bytes)
    try handle.close()
    // Then the checkpoint is not trusted, and the full read refuses the damaged log
    #expect(throws: StoreError.self) { try engine.run(WorkforceStability()) }
  }
}

/// The same projection with its version bumped, as a developer would after changing `apply`.
struct WorkforceStabilityV2: Projection {
  static let name = WorkforceStability.name
  static let version = WorkforceStability.version + 1
  static let summary = WorkforceStability.summary
  static let eventTypes = WorkforceStability.eventTypes
  var initialState: WorkforceStability.State { WorkforceStability().initialState }
  func apply(_ event: EventEnvelope, to state: inout WorkforceStability.State) {
    WorkforceStability().apply(event, to: &state)
  }
}
