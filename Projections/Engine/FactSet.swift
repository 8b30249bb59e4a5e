import EventStore

/// The facts of some event types, resolved on knowledge time: every claim about a fact is kept,
/// and the value shown is the one the latest-known claim gives.
///
/// Every built-in projection keeps its facts in a `FactSet`. Nothing is overwritten:
/// - a *statement* is an event of one of the set's types; one that names another with `restates`
///   states the same fact again (another source, or another release of a statistic), and the
///   fact keeps the id of the first statement in the chain (its root);
/// - a *correction* changes named fields of its target fact;
/// - a *retraction* withdraws its target claim;
/// - of facts that `sources_disagree` links, a view shows the preferred one, the others stay
///   visible through `conflicts(of:)`.
///
/// **The knowledge-time rule.** A fact's claims are folded in order of their knowledge date (the
/// `reported` date of their source, or the recorded day when none is stated), so the value in force
/// is the one stated by the latest-known claim. A claim that states the value already in force
/// corroborates it: the fact keeps citing the claim that set the value, and lists the other. At the same knowledge date a statement comes before
/// a correction, and otherwise claims go in byte order of their event ids. The order in which the
/// events were appended never changes a fact, and the replay's knowledge-time filter decides which
/// claims take part. Views list facts in a canonical order (`current()`), never in append order.
public struct FactSet: Sendable {
  /// One claim as absorbed: the event as a fact, with its knowledge date.
  struct Claim: Sendable, Equatable {
    var fact: Fact
    /// `reported`, or the recorded day when the event states none.
    var known: String

    /// The fold order of the knowledge-time rule.
    static func precedes(_ a: Claim, _ b: Claim) -> Bool {
      if a.known != b.known { return a.known < b.known }
      let (ra, rb) = (a.fact.type == "correction" ? 1 : 0, b.fact.type == "correction" ? 1 : 0)
      if ra != rb { return ra < rb }
      return a.fact.id.utf8.lexicographicallyPrecedes(b.fact.id.utf8)
    }
  }

  // MARK: Plain statements, kept by location
  //
  // Most facts are one statement that nothing restates, corrects, retracts or disputes. The set
  // keeps only where each lies (a locator, 8 bytes) and reads it back when a view asks: a packed
  // `RecordLocation` for events read from the log, an index into `inline` (with `inlineFlag`)
  // for events given in memory. Its id is found through the source's id table, shared by every
  // set of a replay. A statement moves into the claim tables below (`promote`) as soon as a later
  // claim names it.

  /// Where each plain statement lies, by stream, in the order absorbed (so log locators ascend).
  private var singles = StreamLists()
  /// The locator of each plain statement given in memory, by id.
  private var inlineIDs: [String: UInt64] = [:]
  /// Whether a log locator was ever kept after one given in memory in a stream: the lists are
  /// then searched one by one instead of by bisection.
  private var unordered = false
  /// Hashes of every id the claim tables hold or that a claim names: a new statement whose hash
  /// is not here is known to be plain without building its id's string.
  private var namedHashes: Set<UInt64> = []
  /// A 65,536-bit filter over `namedHashes` (by the hash's top 16 bits), empty until an id is
  /// named: a clear bit means no named id has that hash, without hashing it again.
  private var namedFilter: [UInt64] = []
  /// Claims given in memory (not read from a log), which locators with `inlineFlag` index.
  private var inline: [Claim] = []
  /// Where statements read from the log are read back (set by the replay engine).
  private var source: FactSource?

  // MARK: Claims that take part in a fold

  /// Every claim absorbed (statements, corrections, retractions, disagreements), by event id.
  private var claims: [String: Claim] = [:]
  /// The ids of claims in the order they were absorbed: checkpoints keep it, views never use it.
  private var absorbed: [String] = []
  /// Statement ids that name each id with `restates`.
  private var restatedBy: [String: [String]] = [:]
  /// Correction ids by the id they target.
  private var correctionsOf: [String: [String]] = [:]
  /// Retraction ids by the id they target.
  private var retractionsOf: [String: [String]] = [:]

  /// The resolved facts, one slot per root; nil where a group was merged into another.
  private var resolved: [Fact?] = []
  /// The slot of each root id, and of every statement id in its group.
  private var slotByID: [String: Int] = [:]
  /// The slots of each stream's facts.
  private var slotsByStream: [String: [Int]] = [:]

  public private(set) var disagreements: [String: Disagreement] = [:]
  /// Disagreement ids by the event ids they name.
  private var disagreementsByFact: [String: [String]] = [:]

  public init() {}

  /// The event types every fact set reads besides its own: the correcting kinds.
  public static let correctingTypes: Set<String> = ["correction", "retraction", "sources_disagree"]

  /// Every resolved fact (retracted ones included), in the order their first statements were
  /// appended to the log (by position, then id).
  public var all: [Fact] {
    var located: [(position: Int, fact: Fact)] = resolved.compactMap { fact in
      fact.map { (claims[$0.id]?.fact.position ?? $0.position, $0) }
    }
    for locator in singles.allLocators { located.append((0, fact(at: locator))) }
    for i in located.indices where located[i].position == 0 { located[i].position = located[i].fact.position }
    return located.sorted {
      $0.position != $1.position
        ? $0.position < $1.position : $0.fact.id.utf8.lexicographicallyPrecedes($1.fact.id.utf8)
    }.map(\.fact)
  }

  /// The fact with this id (its root id, or the id of any statement of it), whether or not a
  /// view shows it.
  public subscript(id id: String) -> Fact? {
    if let slot = slotByID[id] { return resolved[slot] }
    return single(id).map { fact(at: $0) }
  }

  /// Gives the set the source its statements from the log are read back through.
  public mutating func attach(_ source: FactSource) { self.source = source }

  /// Folds one event: a correcting event, or a statement when its type is in `types`.
  ///
  /// Any other type leaves the set unchanged. An event id already absorbed is ignored.
  public mutating func absorb(_ event: EventEnvelope, types: Set<String>) {
    switch event.type {
    case "correction", "retraction", "sources_disagree":
      // A log never holds an id twice, so a claim from the log skips the check for an absorbed one.
      absorb(Claim(fact: event.fact, known: event.known), fresh: event.origin != nil && event.origin?.source === source)
    default:
      guard types.contains(event.type) else { return }
      if !absorbPlain(event) { absorb(Claim(fact: event.fact, known: event.known)) }
    }
  }

  /// Keeps a statement by location when nothing it names or that names it is known; false when
  /// it must take part in a fold instead.
  private mutating func absorbPlain(_ event: EventEnvelope) -> Bool {
    let fact = event.fact
    if let restates = fact.restates, restates != fact.id { return false }
    if !namedFilter.isEmpty, isNamed(event.origin?.idHash ?? LedgerReader.idHash(fact.id)) { return false }
    let locator = locate(event)
    if locator & FactSet.inlineFlag != 0 {
      // An id given twice in memory is ignored (a log never holds one id twice).
      guard inlineIDs[fact.id] == nil else { return true }
      inline.append(Claim(fact: event.fact, known: event.known))
      inlineIDs[fact.id] = locator
    }
    keep(locator, stream: fact.stream)
    return true
  }

  /// Notes that a claim names, or the claim tables hold, an id with this hash.
  private mutating func name(_ hash: UInt64) {
    namedHashes.insert(hash)
    if namedFilter.isEmpty { namedFilter = [UInt64](repeating: 0, count: 1024) }
    let bit = Int(hash >> 48)
    namedFilter[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  /// Whether an id with this hash is named or held in the claim tables.
  private func isNamed(_ hash: UInt64) -> Bool {
    let bit = Int(hash >> 48)
    return namedFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 && namedHashes.contains(hash)
  }

  /// Adds a plain statement's locator to its stream's list.
  private mutating func keep(_ locator: UInt64, stream: String) {
    if let last = singles[stream]?.last, last & FactSet.inlineFlag != 0, locator & FactSet.inlineFlag == 0 {
      unordered = true
    }
    singles.append(locator, to: stream)
  }

  /// The locator for an absorbed event: its place in the log, or in `inline`.
  private mutating func locate(_ event: EventEnvelope) -> UInt64 {
    if let origin = event.origin {
      if source == nil && singles.isEmpty { source = origin.source }
      if origin.source === source { return origin.locator }
    }
    return FactSet.inlineFlag | UInt64(inline.count)
  }

  /// Marks locators that index `inline`; log locations never set the top bit.
  static let inlineFlag: UInt64 = 1 << 63

  /// The claim a locator points at.
  private func claim(at locator: UInt64) -> Claim {
    if locator & FactSet.inlineFlag != 0 { return inline[Int(locator & ~FactSet.inlineFlag)] }
    guard let source else { preconditionFailure("a fact set read from a log was used without its FactSource") }
    return source.claim(at: locator)
  }

  private func fact(at locator: UInt64) -> Fact { claim(at: locator).fact }

  /// Whether the claim at a locator can be read: it is in memory, or a source is attached.
  private func canRead(_ locator: UInt64) -> Bool { locator & FactSet.inlineFlag != 0 || source != nil }

  /// The locator of the plain statement with this id, if the set keeps one.
  ///
  /// The source's id table holds every record the replay read. Statements restored from a
  /// checkpoint are found by reading them back (a small set) or through the log's position index.
  private func single(_ id: String) -> UInt64? {
    if let locator = inlineIDs[id] {
      return index(of: locator, stream: claim(at: locator).fact.stream).map { _ in locator }
    }
    guard let source else { return nil }
    if let found = kept(id, among: source.candidates(of: id)) { return found }
    if source.holdsEveryKeptRecord { return nil }
    if singles.count <= FactSet.readBackLimit {
      for locator in singles.allLocators { _ = claim(at: locator) }  // notes their ids in the source
    } else {
      source.holdWholeLog()
    }
    return kept(id, among: source.candidates(of: id))
  }

  /// The most plain statements a set reads back to find an id, rather than loading the log's index.
  static let readBackLimit = 20_000

  /// The candidate that is this id's plain statement in this set, if any.
  private func kept(_ id: String, among candidates: [UInt64]) -> UInt64? {
    for locator in candidates {
      let fact = fact(at: locator)
      if fact.id == id, index(of: locator, stream: fact.stream) != nil { return locator }
    }
    return nil
  }

  /// Where a locator is in its stream's list of plain statements, if it is there.
  private func index(of locator: UInt64, stream: String) -> Int? {
    guard let list = singles[stream] else { return nil }
    if unordered || locator & FactSet.inlineFlag != 0 { return list.firstIndex(of: locator) }
    var (low, high) = (0, list.count)
    while low < high {
      let middle = (low + high) / 2
      if list[middle] < locator { low = middle + 1 } else { high = middle }
    }
    return low < list.count && list[low] == locator ? low : nil
  }

  /// Moves a plain statement that a claim now names into the claim tables, with a slot of its own.
  private mutating func promote(_ id: String) {
    name(LedgerReader.idHash(id))
    guard claims[id] == nil, let locator = single(id) else { return }
    let claim = claim(at: locator)
    inlineIDs[id] = nil
    if let index = index(of: locator, stream: claim.fact.stream) {
      singles.remove(at: index, from: claim.fact.stream)
    }
    claims[id] = claim
    absorbed.append(id)
    addSlot(for: claim.fact)
  }

  /// The ids a claim names: what it restates, corrects, retracts or disputes.
  private static func named(by claim: Claim) -> [String] {
    switch claim.fact.type {
    case "correction", "retraction": return claim.fact.string("target").map { [$0] } ?? []
    case "sources_disagree": return claim.fact.data["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
    default: return claim.fact.restates.map { [$0] } ?? []
    }
  }

  /// Folds one claim of any kind.
  ///
  /// - Parameter fresh: whether the claim's id is known not to be absorbed yet.
  mutating func absorb(_ claim: Claim, fresh: Bool = false) {
    let id = claim.fact.id
    guard fresh || (claims[id] == nil && single(id) == nil) else { return }
    for named in FactSet.named(by: claim) where named != id { promote(named) }
    name(LedgerReader.idHash(id))
    claims[id] = claim
    absorbed.append(id)
    switch claim.fact.type {
    case "correction":
      guard let target = claim.fact.data["target"]?.stringValue else { return }
      correctionsOf[target, default: []].append(id)
      refresh(root(of: target))
    case "retraction":
      guard let target = claim.fact.data["target"]?.stringValue else { return }
      retractionsOf[target, default: []].append(id)
      let withdrawn = claims[target].flatMap {
        $0.fact.type == "correction" ? $0.fact.data["target"]?.stringValue : nil
      }
      if let withdrawn { promote(withdrawn) }
      refresh(root(of: withdrawn ?? target))
    case "sources_disagree": noteDisagreement(claim)
    default: absorbStatement(claim)
    }
  }

  private mutating func absorbStatement(_ claim: Claim) {
    let id = claim.fact.id
    let restates = claim.fact.restates
    if isFresh(id, restates: restates) {
      addSlot(for: claim.fact)
      return
    }
    if let target = restates, target != id {
      restatedBy[target, default: []].append(id)
    }
    // Statements that named this id before it arrived were grouped under it; they now belong
    // to this statement's root, which may lie further along its `restates` chain.
    let root = root(of: id)
    if root != id, let slot = slotByID[id], slotByID[root] != slot {
      resolved[slot] = nil
      for member in group(of: id) where slotByID[member] == slot { slotByID[member] = nil }
      slotByID[id] = nil
    }
    refresh(root)
  }

  /// Whether a statement starts a fact of its own that nothing else names yet.
  ///
  /// It restates no other claim, and no restatement, correction, retraction or slot refers to its
  /// id. Its fact is then the statement itself, so the fold is skipped (`refresh` would give the
  /// same fact).
  private func isFresh(_ id: String, restates: String?) -> Bool {
    (restates == nil || restates == id) && slotByID[id] == nil && restatedBy[id] == nil && correctionsOf[id] == nil
      && retractionsOf[id] == nil
  }

  /// Gives a fresh statement's fact a slot of its own.
  private mutating func addSlot(for fact: Fact) {
    let slot = resolved.count
    resolved.append(fact)
    slotsByStream[fact.stream, default: []].append(slot)
    slotByID[fact.id] = slot
  }

  /// The root of an id: follows `restates` links through the statements absorbed.
  func root(of id: String) -> String {
    var current = id
    var seen: Set<String> = [id]
    while let next = claims[current]?.fact.restates, claims[current]?.fact.type != "correction",
      seen.insert(next).inserted
    {
      current = next
    }
    return current
  }

  /// The ids in a root's group: the root and every statement that restates a member.
  private func group(of root: String) -> [String] {
    var members = [root]
    var seen: Set<String> = [root]
    var index = 0
    while index < members.count {
      for next in restatedBy[members[index]] ?? [] where seen.insert(next).inserted { members.append(next) }
      index += 1
    }
    return members
  }

  /// Resolves a root's fact again from all its claims.
  private mutating func refresh(_ root: String) {
    let members = group(of: root)
    let fact = resolve(members)
    let slot: Int
    if let existing = slotByID[root] {
      slot = existing
      resolved[slot] = fact
    } else {
      guard let fact else { return }
      slot = resolved.count
      resolved.append(fact)
      slotsByStream[fact.stream, default: []].append(slot)
    }
    slotByID[root] = slot
    for member in members where claims[member] != nil { slotByID[member] = slot }
  }

  /// Folds a group's claims in knowledge-time order into one fact (nil while no statement is known).
  private func resolve(_ members: [String]) -> Fact? {
    let root = members[0]
    var folded: [Claim] = []
    for member in members {
      if let claim = claims[member], claim.fact.type != "correction", !isRetracted(member) { folded.append(claim) }
      for correction in correctionsOf[member] ?? [] where !isRetracted(correction) {
        if let claim = claims[correction] { folded.append(claim) }
      }
    }
    folded.sort(by: Claim.precedes)
    if let preferred = preferredWithin(members) { folded = foldingLast(preferred, in: folded) }
    guard folded.contains(where: { $0.fact.type != "correction" }) else {
      return retractedFact(members)
    }
    if folded.count == 1 {
      var fact = folded[0].fact
      if fact.id != root { fact.id = root }
      return fact
    }
    return fold(folded, root: root)
  }

  /// The claim a recorded disagreement prefers among claims of this one group, if any.
  ///
  /// Two statements of one fact (one `restates` the other) can disagree; the disagreement's rule
  /// then decides which one's fields stand, not the order in which they became known.
  private func preferredWithin(_ members: [String]) -> String? {
    for member in members {
      for id in disagreementsByFact[member] ?? [] {
        guard let disagreement = disagreements[id], let preferred = disagreement.preferred,
          members.contains(preferred), claims[preferred] != nil, !isRetracted(preferred),
          disagreement.events.filter({ members.contains($0) && claims[$0] != nil }).count >= 2
        else { continue }
        return preferred
      }
    }
    return nil
  }

  /// `folded` with the preferred statement and the corrections of it moved to the end, in order.
  private func foldingLast(_ preferred: String, in folded: [Claim]) -> [Claim] {
    let isPreferred = { (claim: Claim) in
      claim.fact.id == preferred || (claim.fact.type == "correction" && claim.fact.data["target"] == .string(preferred))
    }
    return folded.filter { !isPreferred($0) } + folded.filter(isPreferred)
  }

  /// A group whose every statement was withdrawn: its last statement, marked retracted.
  private func retractedFact(_ members: [String]) -> Fact? {
    let statements = members.compactMap { claims[$0] }.filter { $0.fact.type != "correction" }.sorted(
      by: Claim.precedes)
    guard var fact = statements.last?.fact, let by = retractionsOf[statements.last!.fact.id]?.min() else { return nil }
    fact.id = members[0]
    fact.retractedBy = by
    return fact
  }

  /// Applies the claims in order: a statement replaces the payload, a correction its named fields.
  private func fold(_ folded: [Claim], root: String) -> Fact {
    var fact: Fact? = nil
    // The fact's payload as a tree (each claim's payload is decoded once here).
    var data = JSON.null
    var notes: [FactClaim] = []
    var first: JSON? = nil
    var corrections: [String] = []
    for claim in folded {
      let stated = claim.fact.data
      let before = fact.map { _ in data }  // (not `? nil :`, which JSON's nil literal would make .null)
      if claim.fact.type == "correction" {
        guard var current = fact, case .object(var members) = data,
          case .object(let changes) = stated["fields"] ?? .null
        else { continue }
        for (field, value) in changes { members[field] = value }
        data = .object(members)
        current.data = data
        current.reported = claim.fact.reported
        current.metaText = claim.fact.metaText
        fact = current
        corrections.append(claim.fact.id)
      } else if let current = fact {
        let merged = FactSet.merge(data, with: stated)
        if FactSet.value(of: merged) != FactSet.value(of: data) {
          // It states something new: the fact now cites it.
          var next = claim.fact
          next.id = root
          next.data = merged
          if FactSet.isVaguerWindow(stated, than: data) { next.valid = current.valid }
          fact = next
          data = merged
        }  // else it corroborates: the claim that set the value stays cited.
      } else {
        var next = claim.fact
        next.id = root
        fact = next
        data = stated
      }
      if first == nil { first = data }
      let changed = before.map { FactSet.overrides($0, data) } ?? false
      notes.append(
        FactClaim(
          id: claim.fact.id, reported: claim.fact.reported, isCorrection: claim.fact.type == "correction",
          metaText: claim.fact.metaText, replaced: changed ? before : nil, reason: stated["reason"]?.stringValue))
    }
    var result = fact!
    result.claims = notes
    result.corrections = corrections
    result.original = first.map(FactSet.value(of:)) != FactSet.value(of: data) ? first : nil
    return result
  }

  /// The fields whose values replace one another as a whole: a figure and the reason it is missing.
  static let valueFields: Set<String> = ["value", "value_high", "qualifier", "not_available"]
  /// The fields that hold one entry per judgement area, merged area by area.
  static let areaFields: Set<String> = ["judgements", "judgements_absent", "judgements_original"]

  /// A later claim's payload laid over the current one: the fields it states replace the current
  /// ones (a figure or its missing reason as a whole, judgements area by area, a fieldwork window
  /// unless it is only vaguer: `keepingPreciseWindow`); the fields it does not state stay as they were.
  public static func merge(_ current: JSON, with claim: JSON) -> JSON {
    guard case .object(var members) = current, case .object(let stated) = claim else { return claim }
    if stated.keys.contains(where: valueFields.contains) { for field in valueFields { members[field] = nil } }
    for (field, value) in stated {
      if areaFields.contains(field), case .object(var areas)? = members[field], case .object(let new) = value {
        for (area, grade) in new { areas[area] = grade }
        members[field] = .object(areas)
      } else {
        members[field] = value
      }
    }
    return keepingPreciseWindow(.object(members), current: current, claim: claim)
  }

  /// Whether `after` changes a value `before` held (not only adds fields it lacked).
  static func overrides(_ before: JSON, _ after: JSON) -> Bool {
    guard case .object(let old) = value(of: before), case .object(let new) = value(of: after) else {
      return value(of: before) != value(of: after)
    }
    return old.contains { key, value in new[key] != value }
  }

  /// A payload without its `restates` link and notes: what two statements of one fact compare on.
  public static func value(of data: JSON) -> JSON {
    guard case .object(var members) = data, members["restates"] != nil || members["notes"] != nil else { return data }
    members["restates"] = nil
    members["notes"] = nil
    return .object(members)
  }

  private func isRetracted(_ id: String) -> Bool { !(retractionsOf[id] ?? []).isEmpty }

  private mutating func noteDisagreement(_ claim: Claim) {
    let event = claim.fact
    let data = event.data
    let ids = data["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
    guard ids.count >= 2 else { return }
    let disagreement = Disagreement(
      id: event.id, topic: data["topic"]?.stringValue ?? "", events: ids,
      preferred: data["preferred"]?.stringValue, rule: data["rule"]?.stringValue ?? "",
      reported: event.reported)
    disagreements[event.id] = disagreement
    for id in ids { disagreementsByFact[id, default: []].append(event.id) }
    // Claims of one group that disagree: the group is folded again with the preferred one last.
    let roots = ids.filter { slotByID[$0] != nil }.map { root(of: $0) }
    for root in Set(roots) where roots.filter({ $0 == root }).count >= 2 { refresh(root) }
  }

  // MARK: - Checkpoints

  /// The claims in the tables, in the order they were absorbed: restoring absorbs them again.
  var claimsForCheckpoint: [Claim] { absorbed.map { claims[$0]! } }

  /// One plain statement as checkpoints keep it: its log locator, or the claim itself when it
  /// was given in memory.
  enum StoredSingle: Equatable {
    case logged(UInt64)
    case inline(Claim)
  }

  /// The plain statements by stream, in the order absorbed.
  var singlesForCheckpoint: [(stream: String, singles: [StoredSingle])] {
    singles.byStream.map { stream, locators in
      (stream, locators.map { $0 & FactSet.inlineFlag != 0 ? .inline(claim(at: $0)) : .logged($0) })
    }
  }

  /// Restores a stream's plain statements read back from a checkpoint, before any other claim.
  ///
  /// - Throws: `ProjectionError.damagedCheckpoint` when a statement given in memory repeats an id.
  mutating func restoreSingles(stream: String, _ stored: [StoredSingle]) throws(ProjectionError) {
    for single in stored {
      switch single {
      case .logged(let locator): keep(locator, stream: stream)
      case .inline(let claim):
        let locator = FactSet.inlineFlag | UInt64(inline.count)
        guard inlineIDs.updateValue(locator, forKey: claim.fact.id) == nil else { throw .damagedCheckpoint }
        inline.append(claim)
        keep(locator, stream: stream)
      }
    }
  }

  /// Absorbs a claim read back from a checkpoint.
  mutating func restoreClaim(_ claim: Claim) { absorb(claim) }

  // MARK: - Views

  /// The facts a view shows, in a canonical order (valid time, then id): not retracted, and not
  /// outvoted in a disagreement.
  public func current(where include: (Fact) -> Bool = { _ in true }) -> [Fact] {
    var facts = resolved.compactMap { $0 }
    facts += singles.allLocators.map(fact(at:))
    return FactSet.canonical(facts.filter { isShown($0) && include($0) })
  }

  /// The facts of one stream a view shows, in canonical order (see `current(where:)`).
  public func current(stream: String, where include: (Fact) -> Bool = { _ in true }) -> [Fact] {
    let facts = (slotsByStream[stream] ?? []).compactMap { resolved[$0] } + (singles[stream] ?? []).map(fact(at:))
    return FactSet.canonical(facts.filter { isShown($0) && include($0) })
  }

  private func isShown(_ fact: Fact) -> Bool {
    fact.retractedBy == nil && (disagreements.isEmpty || !isOutvoted(fact.id))
  }

  /// The streams that have facts, sorted.
  public var streams: [String] { Set(singles.byStream.map(\.stream)).union(slotsByStream.keys).sorted() }

  private static func canonical<S: Sequence<Fact>>(_ facts: S) -> [Fact] {
    facts.sorted { a, b in
      let (fa, fb) = (a.valid?.from ?? "", b.valid?.from ?? "")
      return fa != fb ? fa < fb : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }
  }

  /// Whether another fact is shown instead of this one because the sources disagree.
  public func isOutvoted(_ id: String) -> Bool {
    let own = root(of: id)
    for disagreement in disagreements(of: id) {
      if let shown = chosen(in: disagreement), root(of: shown) != own { return true }
    }
    return false
  }

  /// The disagreements a fact takes part in, through any of its statements.
  public func disagreements(of id: String) -> [Disagreement] {
    let members = group(of: root(of: id))
    var ids: [String] = []
    for member in members { for d in disagreementsByFact[member] ?? [] where !ids.contains(d) { ids.append(d) } }
    return ids.sorted().compactMap { disagreements[$0] }
  }

  /// The claim a view shows for a disagreement: the preferred one, else the one whose fact is
  /// known latest (its latest claim, restatements included; ties: the greater id), among the claims
  /// this replay knows and has not withdrawn.
  public func chosen(in disagreement: Disagreement) -> String? {
    let known = disagreement.events.filter { id in self[id: id].map { $0.retractedBy == nil } ?? false }
    if let preferred = disagreement.preferred, known.contains(preferred) { return preferred }
    func knownDate(_ id: String) -> String {
      let fact = self[id: id]
      return fact?.claims.compactMap(\.reported).max() ?? fact?.reported ?? claims[id]?.known
        ?? single(id).map { claim(at: $0).known } ?? ""
    }
    return known.max { a, b in
      let (ka, kb) = (knownDate(a), knownDate(b))
      return ka != kb ? ka < kb : a.utf8.lexicographicallyPrecedes(b.utf8)
    }
  }

  /// One claim as its own source stated it (its own payload, citation and date), not the fact it
  /// belongs to: what a conflict table shows for each side.
  public func claim(id: String) -> Fact? { claims[id]?.fact ?? single(id).map { fact(at: $0) } }

  /// The facts that disagree with `id`, for showing both sources.
  public func conflicts(of id: String) -> [Fact] {
    let own = root(of: id)
    var seen: Set<String> = [own]
    var result: [Fact] = []
    for disagreement in disagreements(of: id) {
      for other in disagreement.events where seen.insert(root(of: other)).inserted {
        if let fact = self[id: other] { result.append(fact) }
      }
    }
    return result
  }

  /// Every disagreement with at least two of its claims known, for conflict reports.
  public func knownDisagreements() -> [Disagreement] {
    disagreements.values.filter { $0.events.filter { slotByID[$0] != nil }.count >= 2 }.sorted { $0.id < $1.id }
  }
}

extension FactSet: Equatable {
  /// Equal when they hold the same claims.
  ///
  /// That is the same plain statements and the same claims in the tables. Plain statements at the same place in one ledger are equal without reading them;
  /// others are read and compared (a set without a source compares by location only).
  public static func == (a: FactSet, b: FactSet) -> Bool {
    let (mine, theirs) = (a.singles.byStream, b.singles.byStream)
    guard a.claims == b.claims, a.disagreements == b.disagreements, mine.count == theirs.count else { return false }
    for ((stream, locators), (otherStream, others)) in zip(mine, theirs) {
      guard stream == otherStream, others.count == locators.count else { return false }
      for (x, y) in zip(locators, others) where !a.sameStatement(x, as: y, in: b) { return false }
    }
    return true
  }

  /// Whether the statement at `x` here is the one at `y` in `other`: by location in one ledger
  /// (or when either set has no source to read from), else by reading both.
  private func sameStatement(_ x: UInt64, as y: UInt64, in other: FactSet) -> Bool {
    let logged = x & FactSet.inlineFlag == 0 && y & FactSet.inlineFlag == 0
    if logged, source == nil || other.source == nil || source?.ledger == other.source?.ledger { return x == y }
    guard canRead(x), other.canRead(y) else { return false }
    return claim(at: x) == other.claim(at: y)
  }
}

extension FactSet: Codable {
  private enum CodingKeys: String, CodingKey { case singles, claims }

  private struct StoredClaim: Codable {
    var fact: Fact
    var known: String
  }

  /// A plain statement in the `Codable` form: a log locator, or a claim.
  private struct CodedSingle: Codable {
    var stream: String
    var locator: UInt64?
    var claim: StoredClaim?
  }

  public init(from decoder: any Decoder) throws {
    self.init()
    let c = try decoder.container(keyedBy: CodingKeys.self)
    var byStream: [String: [StoredSingle]] = [:]
    var order: [String] = []
    for coded in try c.decode([CodedSingle].self, forKey: .singles) {
      let single: StoredSingle
      if let locator = coded.locator {
        single = .logged(locator)
      } else if let claim = coded.claim {
        single = .inline(Claim(fact: claim.fact, known: claim.known))
      } else {
        throw DecodingError.dataCorruptedError(
          forKey: .singles, in: c, debugDescription: "a statement needs a locator or a claim")
      }
      if byStream[coded.stream] == nil { order.append(coded.stream) }
      byStream[coded.stream, default: []].append(single)
    }
    for stream in order { try restoreSingles(stream: stream, byStream[stream]!) }
    for stored in try c.decode([StoredClaim].self, forKey: .claims) {
      restoreClaim(Claim(fact: stored.fact, known: stored.known))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    var coded: [CodedSingle] = []
    for (stream, singles) in singlesForCheckpoint {
      for single in singles {
        switch single {
        case .logged(let locator): coded.append(CodedSingle(stream: stream, locator: locator))
        case .inline(let claim):
          coded.append(CodedSingle(stream: stream, claim: StoredClaim(fact: claim.fact, known: claim.known)))
        }
      }
    }
    try c.encode(coded, forKey: .singles)
    try c.encode(claimsForCheckpoint.map { StoredClaim(fact: $0.fact, known: $0.known) }, forKey: .claims)
  }
}
