import EventStore
import Foundation
import JourneyDomain
import Projections

/// Events looked up in a ledger by id, to check what a recorded event refers to.
enum LedgerEvents {
  /// Refuses an event that names an id the ledger does not hold, and a correction that does not
  /// fit the event it corrects (`RecordingChecks.correction`).
  static func checkReferences(_ event: DomainEvent, ledger: String) throws(DomainError) {
    let ids = EventLine.references(event)
    guard !ids.isEmpty else { return }
    let found = events(ids: Set(ids), ledger: ledger)
    for id in ids where found[id] == nil {
      throw DomainError(
        .unresolvedReference, "refers to '\(id)', which is not in the ledger",
        field: event.data["target"]?.stringValue == id ? "data.target" : "data",
        hint: "'journey log --authority \(event.authority.name)' lists the events and their ids")
    }
    if event.type == "correction", let id = event.data["target"]?.stringValue, let target = found[id] {
      try RecordingChecks.correction(event, target: target)
    }
  }

  /// The events with these ids that the ledger holds, by id (none when it is not a ledger yet).
  static func events(ids: Set<String>, ledger: String) -> [String: CorrectionTarget] {
    guard let reader = try? LedgerReader(at: ledger) else { return [:] }
    var found: [String: CorrectionTarget] = [:]
    try? reader.forEach { view in
      let id = view.id
      guard ids.contains(id) else { return true }
      let data = (try? JSONParser.parse(String(decoding: view.dataBytes, as: UTF8.self))) ?? .null
      let meta = try? JSONParser.parse(String(decoding: view.metaBytes, as: UTF8.self))
      let reported = meta?["reported"]?.stringValue.flatMap { try? Day(iso: $0) }
      found[id] = CorrectionTarget(id: id, type: view.type, stream: view.stream, data: data, reported: reported)
      return found.count < ids.count
    }
    return found
  }
}
