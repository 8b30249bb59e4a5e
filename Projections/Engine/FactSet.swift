import EventStore

/// One fact as a view holds it: the event's payload with corrections applied, and its provenance.
///
/// A value type with copy-on-write storage: the replay builds one `Fact` per event and every fact
/// set that keeps it shares that storage (a full replay holds each fact in several views); a
/// correction copies the storage only in the set it changes.
public struct Fact: Sendable, Equatable, Codable {
  /// What a fact holds; its synthesised `Equatable` and `Codable` are the fact's own.
  private struct Fields: Sendable, Equatable, Codable {
    var id: String
    var type: String
    var stream: String
    var position: Int
    var valid: ValidTime?
    var reported: String?
    var data: JSON
    var original: JSON?
    var metaText: String
    var corrections: [String] = []
    var retractedBy: String?
  }

  private final class Storage: @unchecked Sendable {
    // Mutated only through `Fact.unique()`, i.e. when no other `Fact` shares it.
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var storage: Storage

  /// The storage, copied first if another `Fact` shares it.
  private mutating func unique() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    return storage
  }

  public var id: String {
    get { storage.fields.id }
    set { unique().fields.id = newValue }
  }
  public var type: String {
    get { storage.fields.type }
    set { unique().fields.type = newValue }
  }
  public var stream: String {
    get { storage.fields.stream }
    set { unique().fields.stream = newValue }
  }
  public var position: Int {
    get { storage.fields.position }
    set { unique().fields.position = newValue }
  }
  public var valid: ValidTime? {
    get { storage.fields.valid }
    set { unique().fields.valid = newValue }
  }
  public var reported: String? {
    get { storage.fields.reported }
    set { unique().fields.reported = newValue }
  }
  /// The payload after applying every correction known to the replay.
  public var data: JSON {
    get { storage.fields.data }
    set { unique().fields.data = newValue }
  }
  /// The payload as first recorded, when a correction changed it.
  public var original: JSON? {
    get { storage.fields.original }
    set { unique().fields.original = newValue }
  }
  /// The event's metadata as stored (JSON text): provenance is decoded only when shown.
  public var metaText: String {
    get { storage.fields.metaText }
    set { unique().fields.metaText = newValue }
  }
  /// Ids of the corrections applied, in order.
  public var corrections: [String] {
    get { storage.fields.corrections }
    set { unique().fields.corrections = newValue }
  }
  /// The id of the retraction that withdrew this fact, if any.
  public var retractedBy: String? {
    get { storage.fields.retractedBy }
    set { unique().fields.retractedBy = newValue }
  }

  public init(
    id: String, type: String, stream: String, position: Int, valid: ValidTime?, reported: String?, data: JSON, metaText: String
  ) {
    storage = Storage(
      Fields(id: id, type: type, stream: stream, position: position, valid: valid, reported: reported, data: data, metaText: metaText))
  }

  public static func == (a: Fact, b: Fact) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }

  public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }

  public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }

  /// `meta.source`: file, lines, quote, document date and kind.
  public var source: JSON? { (try? JSONParser.parse(metaText))?["source"] }

  /// The source document's file name and lines, in one line for tables.
  public var citation: String { provenance.citation }

  /// The verbatim quote from the source, if any.
  public var quote: String? { provenance.quote }

  /// The citation and the quote, from one decoding of the metadata.
  public var provenance: (citation: String, quote: String?) { Fact.provenance(metaText: metaText) }

  /// The citation (`file:lines`) and the quote in metadata text, decoded once.
  public static func provenance(metaText: String) -> (citation: String, quote: String?) {
    guard let source = (try? JSONParser.parse(metaText))?["source"] else { return ("", nil) }
    let file = source["file"]?.stringValue ?? "?"
    return (source["lines"]?.stringValue.map { "\(file):\($0)" } ?? file, source["quote"]?.stringValue)
  }
}

/// A recorded disagreement between sources (`sources_disagree`).
public struct Disagreement: Sendable, Equatable, Codable {
  public var id: String
  public var topic: String
  public var events: [String]
  /// The fact a view shows.
  public var preferred: String?
  /// Why that one is shown.
  public var rule: String
  public var reported: String?
}

/// The facts of some event types, with corrections, retractions and disagreements applied.
///
/// Every built-in projection keeps its facts in a `FactSet`: nothing is overwritten, a correction
/// changes the named fields of its target (the original stays in `original`), a retraction hides
/// its target, and of facts that disagree a view shows the preferred one while the others stay
/// visible through `conflicts(of:)`.
public struct FactSet: Sendable, Equatable, Codable {
  /// Every fact, in log order.
  public private(set) var all: [Fact] = []
  /// The index in `all` of each fact id.
  private var slotByID: [String: Int] = [:]
  /// The indexes in `all` of each stream's facts, in log order: derived, not stored in checkpoints.
  private var slotsByStream: [String: [Int]] = [:]
  public private(set) var disagreements: [String: Disagreement] = [:]
  /// Disagreement ids by the fact ids they name.
  private var disagreementsByFact: [String: [String]] = [:]

  public init() {}

  private enum CodingKeys: String, CodingKey { case facts, disagreements, disagreementsByFact }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    for fact in try c.decode([Fact].self, forKey: .facts) { restoreFact(fact) }
    disagreements = try c.decode([String: Disagreement].self, forKey: .disagreements)
    disagreementsByFact = try c.decode([String: [String]].self, forKey: .disagreementsByFact)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(all, forKey: .facts)
    try c.encode(disagreements, forKey: .disagreements)
    try c.encode(disagreementsByFact, forKey: .disagreementsByFact)
  }

  /// The fact with this id, whether or not a view shows it.
  public subscript(id id: String) -> Fact? { slotByID[id].map { all[$0] } }

  /// The event types every fact set reads besides its own: the correcting kinds.
  public static let correctingTypes: Set<String> = ["correction", "retraction", "sources_disagree"]

  /// Folds one event: a correcting event, or a new fact when its type is in `types`; any other
  /// type leaves the set unchanged.
  public mutating func absorb(_ event: EventEnvelope, types: Set<String>) {
    switch event.type {
    case "correction": correct(event)
    case "retraction": retract(event)
    case "sources_disagree": noteDisagreement(event)
    default:
      guard types.contains(event.type), slotByID[event.id] == nil else { return }
      restoreFact(event.fact)
    }
  }

  private mutating func correct(_ event: EventEnvelope) {
    guard let target = event.data["target"]?.stringValue, let slot = slotByID[target],
      case .object(let changes) = event.data["fields"] ?? .null, case .object(var members) = all[slot].data
    else { return }
    var fact = all[slot]
    if fact.original == nil { fact.original = fact.data }
    for (field, value) in changes { members[field] = value }
    fact.data = .object(members)
    fact.corrections.append(event.id)
    all[slot] = fact
  }

  private mutating func retract(_ event: EventEnvelope) {
    guard let target = event.data["target"]?.stringValue, let slot = slotByID[target] else { return }
    all[slot].retractedBy = event.id
  }

  private mutating func noteDisagreement(_ event: EventEnvelope) {
    let ids = event.data["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
    guard ids.count >= 2 else { return }
    let disagreement = Disagreement(
      id: event.id, topic: event.data["topic"]?.stringValue ?? "", events: ids,
      preferred: event.data["preferred"]?.stringValue, rule: event.data["rule"]?.stringValue ?? "",
      reported: event.reported)
    disagreements[event.id] = disagreement
    for id in ids { disagreementsByFact[id, default: []].append(event.id) }
  }

  // MARK: - Checkpoints

  var disagreementsByFactForCheckpoint: [String: [String]] { disagreementsByFact }

  /// Adds a fact at the end of the log order (new, or read back from a checkpoint).
  mutating func restoreFact(_ fact: Fact) {
    slotByID[fact.id] = all.count
    slotsByStream[fact.stream, default: []].append(all.count)
    all.append(fact)
  }

  mutating func restoreDisagreement(_ disagreement: Disagreement) { disagreements[disagreement.id] = disagreement }

  mutating func restoreDisagreementsByFact(_ named: [String: [String]]) { disagreementsByFact = named }

  // MARK: - Views

  /// The facts a view shows, in log order: not retracted, and not outvoted in a disagreement.
  public func current(where include: (Fact) -> Bool = { _ in true }) -> [Fact] {
    all.filter { $0.retractedBy == nil && !isOutvoted($0.id) && include($0) }
  }

  /// The facts of one stream a view shows, in log order (see `current(where:)`).
  public func current(stream: String, where include: (Fact) -> Bool = { _ in true }) -> [Fact] {
    (slotsByStream[stream] ?? []).map { all[$0] }.filter { $0.retractedBy == nil && !isOutvoted($0.id) && include($0) }
  }

  /// Whether another fact is shown instead of this one because the sources disagree.
  public func isOutvoted(_ id: String) -> Bool {
    for disagreement in disagreements(of: id) where chosen(in: disagreement) != id { return true }
    return false
  }

  /// The disagreements a fact takes part in.
  public func disagreements(of id: String) -> [Disagreement] {
    (disagreementsByFact[id] ?? []).compactMap { disagreements[$0] }
  }

  /// The fact a view shows for a disagreement: the preferred one, else the latest reported
  /// (ties: the later position), among the facts this replay knows.
  public func chosen(in disagreement: Disagreement) -> String? {
    let known = disagreement.events.compactMap { self[id: $0] }.filter { $0.retractedBy == nil }
    if let preferred = disagreement.preferred, known.contains(where: { $0.id == preferred }) { return preferred }
    return known.max { ($0.reported ?? "", $0.position) < ($1.reported ?? "", $1.position) }?.id
  }

  /// The facts that disagree with `id`, for showing both sources.
  public func conflicts(of id: String) -> [Fact] {
    disagreements(of: id).flatMap { $0.events }.filter { $0 != id }.compactMap { self[id: $0] }
  }

  /// Every disagreement with at least two of its facts known, for conflict reports.
  public func knownDisagreements() -> [Disagreement] {
    disagreements.values.filter { $0.events.filter { slotByID[$0] != nil }.count >= 2 }.sorted { $0.id < $1.id }
  }
}

/// The state of a view that keeps its facts in a `FactSet`.
public protocol FactSetState: Sendable, Equatable, Codable, CheckpointCoding {
  var facts: FactSet { get set }
  init()
}

/// A projection whose state is a fact set: it starts empty and absorbs every event of its types
/// (corrections, retractions and disagreements included). Views are extensions on its `State`.
public protocol FactProjection: Projection where State: FactSetState {}

extension FactProjection {
  public var initialState: State { State() }

  public func apply(_ event: EventEnvelope, to state: inout State) {
    state.facts.absorb(event, types: Self.eventTypes)
  }
}
