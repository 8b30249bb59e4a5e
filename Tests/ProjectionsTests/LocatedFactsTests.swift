import EventStore
import Foundation
import JourneyDomain
import ProjectionTestKit
import Testing

@testable import Projections

/// Fact sets keep plain statements by their place in the log and read them back: what a view
/// shows must be what the same events give when held in memory.
@Suite("Facts read back from the log")
struct LocatedFactsTests {
  static let streams = ["la:358", "la:351", "la:350"]

  /// Workforce figures over three streams, a correction of one and a restatement of another.
  static func events() -> [NewEvent] {
    var events: [NewEvent] = []
    for (i, stream) in streams.enumerated() {
      for year in 2018...2023 {
        events.append(
          NewEvent(
            id: "wf-\(stream)-\(year)", type: "workforce_figure", stream: stream,
            valid: ValidTime(day: "\(year)-09-30"),
            data: [
              "measure": "turnover_rate", "value": .number(Double(10 + i + year - 2018)), "unit": "percent",
              "period": .string("as at \(year)-09-30"), "source_kind": "dfe_statistics", "basis": "fte",
            ],
            meta: ["reported": .string("\(year + 1)-02-27"), "source": ["file": "f.csv", "lines": .string("\(year)")]]))
      }
    }
    events.append(
      NewEvent(
        id: "fix-1", type: "correction", stream: "la:351",
        data: ["target": "wf-la:351-2020", "fields": ["value": 99.5], "reason": "revised"],
        meta: ["reported": "2022-03-01"]))
    events.append(
      NewEvent(
        id: "again-1", type: "workforce_figure", stream: "la:350", valid: ValidTime(day: "2019-09-30"),
        data: [
          "measure": "turnover_rate", "value": 40.0, "unit": "percent", "period": "as at 2019-09-30",
          "source_kind": "dfe_statistics", "basis": "fte", "restates": "wf-la:350-2019",
        ],
        meta: ["reported": "2021-02-27"]))
    return events
  }

  /// The same events absorbed in memory, as envelopes without a place in a log.
  static func inMemory(_ events: [NewEvent]) -> FactSet {
    var set = FactSet()
    for (i, event) in events.enumerated() {
      let envelope = EventEnvelope(
        position: i + 1, id: event.id, type: event.type, schemaVersion: event.schemaVersion, stream: event.stream,
        valid: event.valid, recorded: "2026-01-01T00:00:00.000Z", reported: event.meta["reported"]?.stringValue,
        data: event.data, meta: event.meta)
      set.absorb(envelope, types: WorkforceStability.eventTypes)
    }
    return set
  }

  /// What a view compares: id, payload, provenance and claims of each shown fact.
  static func shown(_ facts: [Fact]) -> [String] {
    facts.map { "\($0.id) \($0.data.serialized()) \($0.metaText) \($0.claims.map(\.id)) \($0.corrections)" }
  }

  @Test(
    "a replay of the whole log, of one stream, and from a checkpoint show what the events give in memory",
    arguments: [
      ReplayFilter(), ReplayFilter(streams: ["la:351"]), ReplayFilter(streams: ["la:350", "la:358"]),
      ReplayFilter(asOf: "2020-12-31"), ReplayFilter(knownAt: "2021-06-01"),
    ])
  func replayedFactsMatchMemory(filter: ReplayFilter) throws {
    // Given a ledger holding the events, and the same events held in memory
    let events = Self.events()
    let ledger = try TemporaryLedger(events)
    let expected = Self.inMemory(events.filter { passes($0, filter) })
    // When the view is replayed cold, then again from its checkpoint
    let engine = ReplayEngine(ledger: ledger.path, upcast: Upcaster.forReplay)
    let cold = try engine.run(WorkforceStability(), filter: filter).state.facts
    let warm = try engine.run(WorkforceStability(), filter: filter)
    // Then every stream shows the same facts, read back from the log
    #expect(warm.checkpoint != nil)
    for stream in Self.streams {
      #expect(Self.shown(cold.current(stream: stream)) == Self.shown(expected.current(stream: stream)))
      #expect(Self.shown(warm.state.facts.current(stream: stream)) == Self.shown(expected.current(stream: stream)))
    }
    #expect(Self.shown(cold.all) == Self.shown(expected.all))
  }

  @Test("a correction appended after a checkpoint changes the fact kept by location")
  func correctionAfterCheckpoint() throws {
    // Given a checkpoint holding a plain statement
    let events = Self.events().filter { $0.type != "correction" }
    let ledger = try TemporaryLedger(events)
    let engine = ReplayEngine(ledger: ledger.path, upcast: Upcaster.forReplay)
    _ = try engine.run(WorkforceStability())
    // When a correction of it is appended and the view replays the tail
    try ledger.append(Self.events().filter { $0.type == "correction" })
    let resumed = try engine.run(WorkforceStability())
    // Then the fact shows the corrected value, with the original kept
    #expect(resumed.checkpoint == events.count)
    let fact = resumed.state.facts[id: "wf-la:351-2020"]
    #expect(fact?.data["value"] == 99.5)
    #expect(fact?.original?["value"] == 13.0)
    #expect(fact?.corrections == ["fix-1"])
  }

  /// Whether the replay filter admits an event (valid time and knowledge time; streams).
  func passes(_ event: NewEvent, _ filter: ReplayFilter) -> Bool {
    if let streams = filter.streams, !streams.contains(event.stream) { return false }
    if let asOf = filter.asOf, let from = event.valid?.from, from > asOf { return false }
    if let knownAt = filter.knownAt, (event.meta["reported"]?.stringValue ?? "2026-01-01") > knownAt { return false }
    return true
  }
}

/// The id locations a replay falls back on for statements restored from a checkpoint.
@Suite("Id locations from the position index or the log")
struct IDLocationTests {
  /// Every record's id hash and location, as the reader hands them out.
  static func fromLog(_ path: String) throws -> [String] {
    var seen: [String] = []
    try LedgerReader(at: path).forEach { view in
      seen.append("\(view.idHash) \(view.location.segment) \(view.location.offset)")
      return true
    }
    return seen
  }

  static func fromIndex(_ path: String) throws -> [String] {
    var seen: [String] = []
    try LedgerReader(at: path).forEachIDLocation { hash, location in
      seen.append("\(hash) \(location.segment) \(location.offset)")
    }
    return seen
  }

  @Test(
    "the index gives every record's id and location, and a missing, short or foreign index gives the same",
    arguments: ["kept", "missing", "short", "garbage"])
  func indexAgreesWithLog(damage: String) throws {
    // Given a ledger appended in two batches
    let events = LocatedFactsTests.events()
    let ledger = try TemporaryLedger(Array(events.prefix(10)))
    try ledger.append(Array(events.dropFirst(10)))
    let index = ledger.path + "/index/positions.bin"
    // When its position index is damaged in one way
    switch damage {
    case "missing": try FileManager.default.removeItem(atPath: index)
    case "short":
      let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
      try bytes.prefix(5 * 16).write(to: URL(fileURLWithPath: index))
    case "garbage": try Data(repeating: 0xAB, count: events.count * 16).write(to: URL(fileURLWithPath: index))
    default: break
    }
    // Then the locations read through it are those of the log
    #expect(try Self.fromIndex(ledger.path) == Self.fromLog(ledger.path))
    #expect(try Self.fromIndex(ledger.path).count == events.count)
  }

  @Test("a large set restored from a checkpoint finds a corrected statement through the log's index")
  func largeRestoredSetUsesIndex() throws {
    // Given a checkpoint of a set holding more plain statements than it would read back
    let count = FactSet.readBackLimit + 10
    let figures = (0..<count).map { i in
      NewEvent(
        id: "big-\(i)", type: "workforce_figure", stream: "la:\(300 + i % 7)", valid: ValidTime(day: "2020-09-30"),
        data: ["measure": "turnover_rate", "value": .number(Double(i % 50)), "unit": "percent"],
        meta: ["reported": "2021-02-27"])
    }
    let ledger = try TemporaryLedger(figures)
    let engine = ReplayEngine(ledger: ledger.path, upcast: Upcaster.forReplay)
    _ = try engine.run(WorkforceStability())
    // When a correction of an early statement is appended and the view replays the tail
    try ledger.append([
      NewEvent(
        id: "fix-big", type: "correction", stream: "la:300",
        data: ["target": "big-7", "fields": ["value": 88.0], "reason": "revised"], meta: ["reported": "2021-06-01"])
    ])
    let resumed = try engine.run(WorkforceStability())
    // Then the corrected value shows
    #expect(resumed.checkpoint == count)
    #expect(resumed.state.facts[id: "big-7"]?.data["value"] == 88.0)
    #expect(resumed.state.facts[id: "big-7"]?.corrections == ["fix-big"])
  }
}
