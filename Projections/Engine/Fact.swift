import EventStore
import JourneyDomain

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
    var payload: FactPayload
    var original: JSON?
    var metaText: String
    var corrections: [String] = []
    var retractedBy: String?
    var claims: [FactClaim] = []
    /// `payload.restates`, read once (the fact sets ask for it on every claim they fold).
    var restates: String? = nil

    enum CodingKeys: String, CodingKey {
      case id, type, stream, position, valid, reported
      case payload = "data"
      case original, metaText, corrections, retractedBy
      case claims
    }
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
  ///
  /// Facts read from the log hold the record's text and decode it on each read: read it once
  /// into a local where a view reads several fields.
  public var data: JSON {
    get { storage.fields.payload.json }
    set { payload = .tree(newValue) }
  }
  /// The payload in the form held (the record's text, or a tree).
  var payload: FactPayload {
    get { storage.fields.payload }
    set {
      let storage = unique()
      storage.fields.payload = newValue
      storage.fields.restates = newValue.restates
    }
  }
  /// The id this statement names with `restates`, if any, without decoding the whole payload
  /// unless it names one.
  public var restates: String? { storage.fields.restates }
  /// A top-level payload field's value when it is a string, read without decoding the rest of
  /// the payload.
  public func string(_ field: String) -> String? { storage.fields.payload.string(field) }
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
  /// Every claim folded into this fact, in knowledge-time order; empty when one statement alone
  /// states it.
  public var claims: [FactClaim] {
    get { storage.fields.claims }
    set { unique().fields.claims = newValue }
  }
  /// The id of the retraction that withdrew this fact, if any.
  public var retractedBy: String? {
    get { storage.fields.retractedBy }
    set { unique().fields.retractedBy = newValue }
  }

  public init(
    id: String, type: String, stream: String, position: Int, valid: ValidTime?, reported: String?, data: JSON,
    metaText: String
  ) {
    self.init(
      id: id, type: type, stream: stream, position: position, valid: valid, reported: reported, payload: .tree(data),
      metaText: metaText)
  }

  /// A fact whose payload is held in the given form.
  init(
    id: String, type: String, stream: String, position: Int, valid: ValidTime?, reported: String?,
    payload: FactPayload, metaText: String
  ) {
    storage = Storage(
      Fields(
        id: id, type: type, stream: stream, position: position, valid: valid, reported: reported, payload: payload,
        metaText: metaText, restates: payload.restates))
  }

  public static func == (a: Fact, b: Fact) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }

  public init(from decoder: any Decoder) throws {
    var fields = try Fields(from: decoder)
    fields.restates = fields.payload.restates
    storage = Storage(fields)
  }

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
    if source["kind"]?.stringValue == EventLine.unsourcedKind, source["file"] == nil { return ("unsourced", nil) }
    let file = source["file"]?.stringValue ?? "?"
    return (source["lines"]?.stringValue.map { "\(file):\($0)" } ?? file, source["quote"]?.stringValue)
  }
}

/// One claim folded into a fact: a statement of it or a correction, with its source.
public struct FactClaim: Sendable, Equatable, Codable {
  /// The claim's event id.
  public var id: String
  /// The date of its source (knowledge time), when stated.
  public var reported: String?
  /// Whether it is a correction (else a statement, the first or one restating it).
  public var isCorrection: Bool
  /// Its metadata as stored: citation and quote.
  public var metaText: String
  /// The payload before this claim changed it; nil when it changed nothing (it corroborates) or
  /// is the first statement.
  public var replaced: JSON?
  /// A correction's stated reason.
  public var reason: String?

  public init(id: String, reported: String?, isCorrection: Bool, metaText: String, replaced: JSON?, reason: String?) {
    self.id = id
    self.reported = reported
    self.isCorrection = isCorrection
    self.metaText = metaText
    self.replaced = replaced
    self.reason = reason
  }

  /// The source document's file name and lines.
  public var citation: String { Fact.provenance(metaText: metaText).citation }
}

extension Fact {
  /// The last claim that changed the fact's value, with the payload it replaced and the claim
  /// that had stated that payload: what "revised from" or "corrected from" refers to.
  public var lastChange: (by: FactClaim, replaced: JSON, previous: FactClaim?)? {
    guard let index = claims.lastIndex(where: { $0.replaced != nil }), let replaced = claims[index].replaced else {
      return nil
    }
    return (claims[index], replaced, index > 0 ? claims[index - 1] : nil)
  }

  /// The claims that stated the value shown without changing it: other sources, or earlier releases.
  public var corroborations: [FactClaim] {
    claims.count > 1 ? claims.filter { $0.replaced == nil && $0.id != claims.last?.id } : []
  }

  /// One line saying how the shown value came to replace an earlier one; nil when none did.
  ///
  /// For example `revised from 17.8 (2024-02-29) by csww_2017_to_2024.csv:2, 2025-02-27`.
  /// `format` renders a payload's value as the view shows values, `cite` a citation.
  public func changeNote(format: (JSON) -> String, cite: (String) -> String = { $0 }) -> String? {
    guard let change = lastChange else { return nil }
    let verb = change.by.isCorrection ? "corrected" : "revised"
    let was = format(change.replaced) + (change.previous?.reported.map { " (\($0))" } ?? "")
    let by = [cite(change.by.citation), change.by.reported].compactMap { $0 }.filter { !$0.isEmpty }.joined(
      separator: ", ")
    let reason = change.by.reason.map { ": \($0)" } ?? ""
    return "\(verb) from \(was) by \(by.isEmpty ? change.by.id : by)\(reason)"
  }
}
