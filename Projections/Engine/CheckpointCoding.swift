import EventStore

/// A compact binary encoding for checkpointed states, much faster to load than `JSONDecoder`.
///
/// States that adopt it are checkpointed in this form (a leading 0x02 byte tells it apart; 0x01
/// was the earlier form with JSON payloads as text, now ignored and rebuilt);
/// others are checkpointed as JSON through `Codable`. Decoding must give a state equal to the one
/// encoded: the conformance check compares checkpoint + tail with a full replay.
public protocol CheckpointCoding {
  func encodeCheckpoint(into writer: inout CheckpointWriter)
  init(checkpoint reader: inout CheckpointReader) throws
}

extension FactSet: CheckpointCoding {
  /// Marks the located form (plain statements as log locators, other claims in full), so that a
  /// checkpoint of an older form is refused (and the view replayed) rather than misread.
  static let checkpointForm = "factset/located/2"

  public func encodeCheckpoint(into w: inout CheckpointWriter) {
    w.string(FactSet.checkpointForm)
    let streams = singlesForCheckpoint
    w.int(streams.count)
    for (stream, singles) in streams {
      w.string(stream)
      w.int(singles.count)
      for single in singles {
        switch single {
        case .logged(let locator):
          w.int(0)
          w.word(locator)
        case .inline(let claim):
          w.int(1)
          w.claim(claim)
        }
      }
    }
    let claims = claimsForCheckpoint
    w.int(claims.count)
    for claim in claims { w.claim(claim) }
  }

  public init(checkpoint r: inout CheckpointReader) throws {
    self.init()
    guard try r.string() == FactSet.checkpointForm else { throw ProjectionError.damagedCheckpoint }
    for _ in 0..<(try r.count()) {
      let stream = try r.string()
      var singles: [StoredSingle] = []
      for _ in 0..<(try r.count()) {
        switch try r.int() {
        case 0: singles.append(.logged(try r.word()))
        case 1: singles.append(.inline(try r.claim()))
        default: throw ProjectionError.damagedCheckpoint
        }
      }
      try restoreSingles(stream: stream, singles)
    }
    for _ in 0..<(try r.count()) { restoreClaim(try r.claim()) }
  }
}

extension CheckpointWriter {
  /// Writes a claim: its knowledge date and its fact's header, payload and metadata.
  mutating func claim(_ claim: FactSet.Claim) {
    let f = claim.fact
    string(claim.known)
    string(f.id)
    string(f.type)
    string(f.stream)
    int(f.position)
    optionalString(f.valid?.from)
    optionalString(f.valid?.to)
    optionalString(f.reported)
    payload(f.payload)
    string(f.metaText)
  }
}

extension CheckpointReader {
  /// Reads a claim written by `CheckpointWriter.claim`.
  mutating func claim() throws -> FactSet.Claim {
    let known = try string()
    let id = try string()
    let type = try string()
    let stream = try string()
    let position = try int()
    let from = try optionalString()
    let to = try optionalString()
    let valid = try from.map { f -> ValidTime in
      guard let to else { throw ProjectionError.damagedCheckpoint }
      return ValidTime(from: f, to: to)
    }
    let reported = try optionalString()
    let payload = try payload()
    let fact = Fact(
      id: id, type: type, stream: stream, position: position, valid: valid, reported: reported, payload: payload,
      metaText: try string())
    return FactSet.Claim(fact: fact, known: known)
  }

  /// Reads a count that the remaining bytes could hold.
  mutating func count() throws(ProjectionError) -> Int {
    let count = try int()
    guard count >= 0, count <= bytes.count - index else { throw ProjectionError.damagedCheckpoint }
    return count
  }
}

extension FactSetState {
  public func encodeCheckpoint(into writer: inout CheckpointWriter) { facts.encodeCheckpoint(into: &writer) }

  public init(checkpoint reader: inout CheckpointReader) throws {
    self.init()
    facts = try FactSet(checkpoint: &reader)
  }
}

extension CheckpointWriter {
  /// Writes a fact's payload: 0 and its text as stored, or 1 and its tree.
  mutating func payload(_ payload: FactPayload) {
    switch payload {
    case .text(let bytes):
      int(0)
      int(bytes.count)
      append(bytes)
    case .tree(let tree):
      int(1)
      json(tree)
    }
  }
}

extension CheckpointReader {
  /// Reads a payload written by `CheckpointWriter.payload`.
  mutating func payload() throws(ProjectionError) -> FactPayload {
    switch try int() {
    case 0: return .text(Array(try slice()))
    case 1: return .tree(try json())
    default: throw ProjectionError.damagedCheckpoint
    }
  }
}
