import EventStore

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
