import EventStore

/// What the ledger knows of one fact: the payload in force from each knowledge date on.
///
/// Built from the fact's claims in knowledge-time order (the projections' rule: the latest-known
/// claim decides), so an import can tell what it would add at its own release date.
public struct KnownFact: Sendable, Equatable {
  /// Each knowledge date (`YYYY-MM-DD`) at which a claim was made, with the payload in force from
  /// then on, oldest first.
  public var steps: [(known: String, data: JSON)]
  /// The ids of the claims (statements and corrections) behind it.
  public var claimIDs: Set<String>

  public init(steps: [(known: String, data: JSON)], claimIDs: Set<String>) {
    self.steps = steps
    self.claimIDs = claimIDs
  }

  public static func == (a: KnownFact, b: KnownFact) -> Bool {
    a.claimIDs == b.claimIDs && a.steps.map(\.known) == b.steps.map(\.known)
      && a.steps.map(\.data) == b.steps.map(\.data)
  }

  /// The payload in force at knowledge date `day`: the last step known on or before it.
  public func inForce(at day: String) -> JSON? { steps.last { $0.known <= day }?.data }

  /// Whether some claim was made exactly on `day`.
  public func hasClaim(on day: String) -> Bool { steps.contains { $0.known == day } }
}

/// What an import will append, and what it found.
///
/// Events go to `deliver` as they are planned, so an import never needs the whole file in memory.
///
/// A value the ledger holds already is compared with the value in force at the file's own release
/// date (knowledge time), never with whatever was appended last: a later release that changes a
/// value appends a statement restating the fact with the new value; an older release imported
/// after a newer one appends only what the ledger did not know at that earlier date; neither ever
/// overrides what was known later.
public struct ImportPlan {
  /// Receives each new fact and revision, in file order.
  var deliver: (DomainEvent) -> Void
  /// How many events were delivered.
  public var delivered = 0
  public var rowsRead = 0
  /// Facts the file states that the ledger did not have.
  public var newFacts = 0
  /// Values that differ from the value in force at the release date: appended as restatements.
  public var revisions = 0
  /// Values the ledger knew only from a later release: appended as restatements at this earlier date.
  public var earlier = 0
  /// Values the ledger already holds unchanged at the release date.
  public var unchanged = 0
  /// Facts the ledger holds already under another id (the same inspection from another source):
  /// appended as restatements of them, one fact with several sources.
  public var linked = 0
  /// Rows left out because they are for authorities the import was not asked for (`--authority`).
  public var notSelected = 0
  /// Rows not imported, each with its line and reason.
  public var skipped: [(line: Int, reason: String)] = []
  /// Things the import did that a user should know (joint returns, reorganisations, columns not mapped, …).
  public var notes: [String] = []
  /// Where the release date came from, for the summary (`--released`, the file name, the data).
  public var releaseNote: String? = nil

  public init(deliver: @escaping (DomainEvent) -> Void = { _ in }) { self.deliver = deliver }

  /// The id of the statement that restates fact `id` as released on `day`.
  public static func restatementID(_ id: String, released day: String) -> String { id + "@" + day }

  /// Records a fact, a restatement of it, or nothing when the ledger already knew it then.
  ///
  /// - Parameters:
  ///   - keys: the payload fields that carry the value (the rest identify the fact).
  ///   - current: what the ledger knows of the fact's id, or nil when it holds nothing.
  ///   - released: the knowledge date of this file.
  /// - Throws: when the ledger already holds a different value from a source of the same date.
  mutating func offer(_ event: DomainEvent, comparing keys: [String], current: KnownFact?, released: Day)
    throws(DomainError)
  {
    guard let current else {
      emit(event)
      newFacts += 1
      return
    }
    let day = released.iso
    let inForce = current.inForce(at: day)
    if let inForce, keys.allSatisfy({ (inForce[$0] ?? .null) == (event.data[$0] ?? .null) }) {
      unchanged += 1
      return
    }
    if current.hasClaim(on: day) {
      throw DomainError(
        "the ledger already holds a different value for \(event.id) from a source dated \(day)",
        hint: "a second file with the same release date; give the right date with --released")
    }
    var restatement = event
    restatement.id = ImportPlan.restatementID(event.id, released: day)
    restatement.reported = released
    if case .object(var members) = event.data {
      members["restates"] = .string(event.id)
      restatement.data = .object(members)
    }
    emit(restatement)
    if inForce == nil { earlier += 1 } else { revisions += 1 }
  }

  /// Counts a new fact the importer delivered itself, already in canonical form (the ledger
  /// holds nothing under its id: what `offer` does with `current` nil, without the `DomainEvent`).
  mutating func countNewFact() {
    delivered += 1
    newFacts += 1
  }

  /// Appends `event` as one more source of the held fact `root`: it keeps its own id and
  /// `restates` the root; `note` says why they are one fact.
  mutating func link(_ event: DomainEvent, restating root: String, note: String) {
    var statement = event
    if case .object(var members) = event.data {
      members["restates"] = .string(root)
      statement.data = .object(members)
    }
    emit(statement)
    linked += 1
    notes.append(note)
  }

  private mutating func emit(_ event: DomainEvent) {
    deliver(event)
    delivered += 1
  }

  /// The end-of-import summary line.
  public var summary: String {
    "rows read \(rowsRead), events appended \(delivered) (new \(newFacts), revisions \(revisions), known earlier \(earlier)"
      + (linked > 0 ? ", restating held facts \(linked)" : "") + "), "
      + "unchanged \(unchanged), skipped \(skipped.count)"
      + (notSelected > 0 ? ", rows for other authorities \(notSelected)" : "")
      + (releaseNote.map { "; \($0)" } ?? "")
  }
}

/// An import stops at the first bad row unless told to skip them.
public enum BadRowPolicy: Sendable {
  case stop
  case skip
}
