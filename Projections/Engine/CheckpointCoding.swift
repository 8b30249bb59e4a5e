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
  /// Marks the claim-list form with payloads as stored text or trees, so that a checkpoint of an
  /// older form (resolved facts; claims with every payload a tree) is refused (and the view
  /// replayed) rather than misread.
  static let checkpointForm = "factset/claims/2"

  public func encodeCheckpoint(into w: inout CheckpointWriter) {
    w.string(FactSet.checkpointForm)
    let claims = claimsForCheckpoint
    w.int(claims.count)
    for (f, known) in claims {
      w.string(known)
      w.string(f.id)
      w.string(f.type)
      w.string(f.stream)
      w.int(f.position)
      w.optionalString(f.valid?.from)
      w.optionalString(f.valid?.to)
      w.optionalString(f.reported)
      w.payload(f.payload)
      w.string(f.metaText)
    }
  }

  public init(checkpoint r: inout CheckpointReader) throws {
    self.init()
    guard try r.string() == FactSet.checkpointForm else { throw ProjectionError.damagedCheckpoint }
    let count = try r.int()
    guard count >= 0 else { throw ProjectionError.damagedCheckpoint }
    for _ in 0..<count {
      let known = try r.string()
      let id = try r.string()
      let type = try r.string()
      let stream = try r.string()
      let position = try r.int()
      let from = try r.optionalString()
      let to = try r.optionalString()
      let valid = try from.map { f -> ValidTime in
        guard let to else { throw ProjectionError.damagedCheckpoint }
        return ValidTime(from: f, to: to)
      }
      let reported = try r.optionalString()
      let payload = try r.payload()
      let fact = Fact(
        id: id, type: type, stream: stream, position: position, valid: valid, reported: reported, payload: payload,
        metaText: try r.string())
      restoreClaim(fact, known: known)
    }
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
