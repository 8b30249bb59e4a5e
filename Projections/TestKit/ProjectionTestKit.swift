import EventStore
import Foundation
import Projections

/// Given / when / then helpers and a conformance check for projections.
///
/// ```swift
/// let state = try ProjectionTestKit.given([inspection, visit])
///   .when(asOf: "2020-01-01")
///   .then(JudgementHistory())
/// #expect(state.inForce(stream: "la:358", on: "2020-01-01")?.inspection.id == "trafford-2019")
/// ```
///
/// Events go through a real temporary ledger and the real replay engine, so a test exercises
/// exactly what the CLI runs.
public enum ProjectionTestKit {
  /// The upcaster that leaves every payload as stored: the default of every call.
  ///
  /// There is no kit-wide upcaster to set: each call takes its own, so parallel tests that use
  /// different upcasters cannot race.
  public static let identity: Upcast = { _, version, data in (version, data) }

  /// Starts a scenario with `events` in the log, appended as one batch each in order, replayed
  /// through `upcast` (pass the domain's `Upcaster.forReplay` to test old schema versions).
  public static func given(_ events: [NewEvent], upcast: @escaping Upcast = identity) -> Scenario {
    Scenario(events: events, upcast: upcast)
  }

  /// A log, the upcaster and the time filters to replay it with.
  public struct Scenario {
    public var events: [NewEvent]
    public var upcast: Upcast
    public var filter = ReplayFilter()

    /// The scenario replayed as of `asOf` (valid time) and/or as known at `knownAt`.
    public func when(asOf: String? = nil, knownAt: String? = nil, recordedBefore: String? = nil) -> Scenario {
      var copy = self
      copy.filter = ReplayFilter(asOf: asOf, knownAt: knownAt, recordedBefore: recordedBefore)
      return copy
    }

    /// The state `projection` reaches.
    public func then<P: Projection>(_ projection: P) throws -> P.State {
      let ledger = try TemporaryLedger(events)
      return try ReplayEngine(ledger: ledger.path, upcast: upcast, useCheckpoints: false)
        .run(projection, filter: filter).state
    }
  }

  /// A builder for test events with sensible defaults.
  public static func event(
    _ id: String, _ type: String, stream: String = "la:358", valid: (String, String)? = nil, reported: String? = nil,
    version: Int = 1, data: JSON
  ) -> NewEvent {
    var meta: [String: JSON] = ["source": ["file": "test", "lines": "1", "quote": .string(id)]]
    if let reported { meta["reported"] = .string(reported) }
    return NewEvent(
      id: id, type: type, schemaVersion: version, stream: stream, valid: valid.map { ValidTime(from: $0.0, to: $0.1) },
      data: data, meta: .object(meta))
  }

  /// A conformance failure: which requirement, and what happened.
  public struct Failure: Error, CustomStringConvertible, Equatable {
    public var requirement: String
    public var detail: String
    public var description: String { "\(requirement): \(detail)" }
  }

  /// Checks that `projection` meets the `Projection` contract on `events`:
  /// deterministic; checkpoint + tail equals full replay (split at every `stride` events, under
  /// each of `filters`); unknown event types leave the state unchanged; the state round-trips
  /// through `Codable`; events written in older schema versions give the same state as the same
  /// events written in the current version (through `upcast`).
  ///
  /// - Parameter upcast: the upcaster every replay uses; the domain's `Upcaster.forReplay` to
  ///   check old schema versions.
  /// - Returns: the failures (empty when the projection conforms).
  public static func checkConformance<P: Projection>(
    _ projection: P, events: [NewEvent], filters: [ReplayFilter] = [ReplayFilter()], splits: Int = 4,
    upcast: @escaping Upcast = identity
  ) throws -> [Failure] {
    var failures: [Failure] = []
    let full = try TemporaryLedger(events)
    for filter in filters {
      let a = try ReplayEngine(ledger: full.path, upcast: upcast, useCheckpoints: false).run(projection, filter: filter)
        .state
      let b = try ReplayEngine(ledger: full.path, upcast: upcast, useCheckpoints: false).run(projection, filter: filter)
        .state
      if a != b {
        failures.append(
          Failure(requirement: "deterministic", detail: "two replays of the same log differ (filter \(filter))"))
      }
      failures += try checkpointFailures(
        projection, events: events, filter: filter, expected: a, splits: splits, upcast: upcast)
      failures += codableFailures(a)
    }
    failures += unknownTypeFailures(projection, events: events)
    failures += try upcastFailures(projection, events: events, upcast: upcast)
    return failures
  }

  private static func upcastFailures<P: Projection>(
    _ projection: P, events: [NewEvent], upcast: @escaping Upcast
  ) throws -> [Failure] {
    let current = try events.map { event -> NewEvent in
      var copy = event
      (copy.schemaVersion, copy.data) = try upcast(event.type, event.schemaVersion, event.data)
      return copy
    }
    guard current != events else { return [] }
    let oldLedger = try TemporaryLedger(events)
    let newLedger = try TemporaryLedger(current)
    let old = try ReplayEngine(ledger: oldLedger.path, upcast: upcast, useCheckpoints: false).run(projection).state
    let new = try ReplayEngine(ledger: newLedger.path, upcast: upcast, useCheckpoints: false).run(projection).state
    return old == new
      ? []
      : [
        Failure(
          requirement: "older schema versions accepted",
          detail: "events in older versions give another state than the same events upcast")
      ]
  }

  private static func checkpointFailures<P: Projection>(
    _ projection: P, events: [NewEvent], filter: ReplayFilter, expected: P.State, splits: Int, upcast: @escaping Upcast
  ) throws -> [Failure] {
    var failures: [Failure] = []
    let step = max(1, events.count / max(1, splits))
    for cut in stride(from: 0, through: events.count, by: step) {
      let ledger = try TemporaryLedger(Array(events.prefix(cut)))
      let engine = ReplayEngine(ledger: ledger.path, upcast: upcast, useCheckpoints: true)
      _ = try engine.run(projection, filter: filter)  // writes the checkpoint at `cut`
      try ledger.append(Array(events.dropFirst(cut)))
      let resumed = try engine.run(projection, filter: filter)
      if cut > 0 && resumed.checkpoint != cut && filter.recordedBefore == nil {
        failures.append(
          Failure(
            requirement: "checkpoint used", detail: "replay after \(cut) events did not resume from its checkpoint"))
      }
      if resumed.state != expected {
        failures.append(
          Failure(
            requirement: "checkpoint + tail == full replay",
            detail: "differs when split after \(cut) of \(events.count) events (filter \(filter))"))
      }
    }
    return failures
  }

  private static func codableFailures<State: Codable & Equatable>(_ state: State) -> [Failure] {
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let decoded = try JSONDecoder().decode(State.self, from: encoder.encode(state))
      return decoded == state
        ? [] : [Failure(requirement: "Codable round trip", detail: "decode(encode(state)) != state")]
    } catch {
      return [Failure(requirement: "Codable round trip", detail: "\(error)")]
    }
  }

  private static func unknownTypeFailures<P: Projection>(_ projection: P, events: [NewEvent]) -> [Failure] {
    var state = projection.initialState
    for (i, event) in events.enumerated() {
      let envelope = EventEnvelope(
        position: i + 1, id: event.id, type: event.type, schemaVersion: event.schemaVersion, stream: event.stream,
        valid: event.valid, recorded: "2026-01-01T00:00:00.000Z", reported: event.meta["reported"]?.stringValue,
        data: event.data, meta: event.meta)
      if P.eventTypes.contains(event.type) { projection.apply(envelope, to: &state) }
    }
    let before = state
    let stranger = EventEnvelope(
      position: events.count + 1, id: "unknown-1", type: "type_nobody_knows", schemaVersion: 99, stream: "la:358",
      valid: nil, recorded: "2026-01-01T00:00:00.000Z", reported: nil, data: ["anything": [1, "two", nil]], meta: [:])
    projection.apply(stranger, to: &state)
    return state == before
      ? [] : [Failure(requirement: "unknown types ignored", detail: "an unknown event type changed the state")]
  }
}
