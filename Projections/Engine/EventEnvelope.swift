import EventStore

/// An event as a projection sees it: header, the three times, and the payload already upcast
/// to the current schema version.
public struct EventEnvelope: Sendable, Equatable {
  /// The event as a fact: id, type, stream, position, times, payload and metadata.
  ///
  /// Fact sets keep this value, so every view of one replay shares its storage.
  public var fact: Fact
  /// The schema version of `data` after upcasting (the current one).
  public var schemaVersion: Int
  /// When the ledger appended it (record time), UTC.
  public var recorded: String
  /// Where the event lies in the log, when the replay read it from one: fact sets then keep
  /// only its location.
  public var origin: FactOrigin?

  public var position: Int {
    get { fact.position }
    set { fact.position = newValue }
  }
  public var id: String {
    get { fact.id }
    set { fact.id = newValue }
  }
  public var type: String {
    get { fact.type }
    set { fact.type = newValue }
  }
  public var stream: String {
    get { fact.stream }
    set { fact.stream = newValue }
  }
  /// When the fact holds (valid time), if it has one.
  public var valid: ValidTime? {
    get { fact.valid }
    set { fact.valid = newValue }
  }
  /// The date of the source that made it known (knowledge time), `YYYY-MM-DD`, if stated.
  public var reported: String? {
    get { fact.reported }
    set { fact.reported = newValue }
  }
  /// The payload (decoded from the record's text on each read: read it once into a local).
  public var data: JSON {
    get { fact.data }
    set { fact.data = newValue }
  }
  /// The metadata as stored (compact JSON text); decoded on demand by `meta`, so a replay does
  /// not pay for provenance it never shows.
  public var metaText: String {
    get { fact.metaText }
    set { fact.metaText = newValue }
  }

  public init(
    position: Int, id: String, type: String, schemaVersion: Int, stream: String, valid: ValidTime?,
    recorded: String, reported: String?, data: JSON, meta: JSON
  ) {
    self.init(
      position: position, id: id, type: type, schemaVersion: schemaVersion, stream: stream, valid: valid,
      recorded: recorded,
      reported: reported, data: data, metaText: meta.serialized())
  }

  /// Creates an envelope with the metadata still as JSON text.
  public init(
    position: Int, id: String, type: String, schemaVersion: Int, stream: String, valid: ValidTime?,
    recorded: String, reported: String?, data: JSON, metaText: String
  ) {
    self.init(
      position: position, id: id, type: type, schemaVersion: schemaVersion, stream: stream, valid: valid,
      recorded: recorded, reported: reported, payload: .tree(data), metaText: metaText)
  }

  /// Creates an envelope whose fact keeps the payload in the given form (the record's text).
  init(
    position: Int, id: String, type: String, schemaVersion: Int, stream: String, valid: ValidTime?,
    recorded: String, reported: String?, payload: FactPayload, metaText: String
  ) {
    fact = Fact(
      id: id, type: type, stream: stream, position: position, valid: valid, reported: reported, payload: payload,
      metaText: metaText)
    self.schemaVersion = schemaVersion
    self.recorded = recorded
  }

  /// Its knowledge date: `reported`, or the recorded day when the event states none.
  public var known: String { reported ?? String(recorded.prefix(10)) }

  /// The metadata (provenance and the like), decoded.
  public var meta: JSON { (try? JSONParser.parse(metaText)) ?? [:] }

  /// The provenance object in `meta.source`, if any.
  public var source: JSON? { meta["source"] }
}
