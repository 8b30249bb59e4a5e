import EventStore

/// What an import will append, and what it found.
///
/// Events go to `deliver` as they are planned, so an import never needs the whole file in memory.
public struct ImportPlan {
  /// Receives each new fact and revision, in file order.
  var deliver: (DomainEvent) -> Void
  /// How many events were delivered.
  public var delivered = 0
  public var rowsRead = 0
  /// Facts the file states that the ledger did not have.
  public var newFacts = 0
  /// Values that differ from the ledger's current value: appended as corrections.
  public var revisions = 0
  /// Values the ledger already holds unchanged.
  public var unchanged = 0
  /// Rows not imported, each with its line and reason.
  public var skipped: [(line: Int, reason: String)] = []
  /// Things the import did that a user should know (joint returns, reorganisations, …).
  public var notes: [String] = []

  public init(deliver: @escaping (DomainEvent) -> Void = { _ in }) { self.deliver = deliver }

  /// Records a fact, or a revision or nothing when the ledger already has it.
  ///
  /// - Parameter current: the ledger's current payload for the fact's id (corrections applied).
  mutating func offer(_ event: DomainEvent, comparing keys: [String], current: JSON?, released: Day, reason: String) {
    guard let current else {
      deliver(event)
      delivered += 1
      newFacts += 1
      return
    }
    let changed = keys.filter { (current[$0] ?? .null) != (event.data[$0] ?? .null) }
    guard !changed.isEmpty else {
      unchanged += 1
      return
    }
    let fields = JSON.object(Dictionary(uniqueKeysWithValues: changed.map { ($0, event.data[$0] ?? .null) }))
    let was = changed.map { "\($0) \((current[$0] ?? .null).serialized())" }.joined(separator: ", ")
    let revision = DomainEvent(
      id: event.id + ":revised:" + released.iso, type: "correction", authority: event.authority, reported: released,
      source: event.source,
      data: ["target": .string(event.id), "fields": fields, "reason": .string("\(reason) (was \(was))")], valid: nil)
    deliver(revision)
    delivered += 1
    revisions += 1
  }

  /// The end-of-import summary line.
  public var summary: String {
    "rows read \(rowsRead), events appended \(delivered) (new \(newFacts), revisions \(revisions)), unchanged \(unchanged), skipped \(skipped.count)"
  }
}

/// An import stops at the first bad row unless told to skip them.
public enum BadRowPolicy: Sendable {
  case stop
  case skip
}
