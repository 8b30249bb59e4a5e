import EventStore

/// An inspection the ledger holds already, as `ILACSImporter` matches Ofsted's rows against it.
///
/// Built from the fact as the ledger resolves it (all its claims folded), with what each of its
/// statements said itself, so a row linked to it before can be compared with its own earlier
/// statement rather than with the other sources' words.
public struct HeldInspection: Sendable, Equatable {
  /// One statement of the inspection: its own payload and the date it became known.
  public struct Statement: Sendable, Equatable {
    public var known: String
    public var data: JSON

    public init(known: String, data: JSON) {
      self.known = known
      self.data = data
    }
  }

  /// The fact's id (the root of its `restates` chain).
  public var id: String
  public var stream: String
  public var fieldworkStart: String
  public var fieldworkEnd: String
  /// The publication date the ledger holds, if any source states one.
  public var published: String?
  /// Whether the fieldwork dates stand in for the publication date (`period_basis: publication`).
  public var publicationBasis: Bool
  /// Every statement of the fact, by event id.
  public var statements: [String: Statement]

  /// An inspection from a fact's resolved payload and its statements.
  public init(id: String, stream: String, data: JSON, statements: [String: Statement]) {
    self.id = id
    self.stream = stream
    fieldworkStart = data["fieldwork_start"]?.stringValue ?? ""
    fieldworkEnd = data["fieldwork_end"]?.stringValue ?? ""
    published = data["published"]?.stringValue
    publicationBasis = data["period_basis"]?.stringValue == "publication"
    self.statements = statements
  }

  /// Whether its fieldwork shares at least one day with `start`…`end`.
  public func fieldworkOverlaps(_ start: String, _ end: String) -> Bool {
    !publicationBasis && !fieldworkStart.isEmpty && fieldworkStart <= end && start <= fieldworkEnd
  }

  /// What the ledger knows from one source's statements of it: the statement `id` and the later
  /// editions restating it (`id@DATE`), oldest first; nil when it holds none of them.
  public func knownFact(of id: String) -> KnownFact? {
    let own = statements.filter { $0.key == id || $0.key.hasPrefix(id + "@") }
    guard !own.isEmpty else { return nil }
    let ordered = own.sorted { ($0.value.known, $0.key) < ($1.value.known, $1.key) }
    return KnownFact(steps: ordered.map { ($0.value.known, $0.value.data) }, claimIDs: Set(own.keys))
  }
}
