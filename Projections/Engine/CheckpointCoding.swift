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
  public func encodeCheckpoint(into w: inout CheckpointWriter) {
    w.int(all.count)
    for f in all {
      w.string(f.id)
      w.string(f.type)
      w.string(f.stream)
      w.int(f.position)
      w.optionalString(f.valid?.from)
      w.optionalString(f.valid?.to)
      w.optionalString(f.reported)
      w.json(f.data)
      w.int(f.original == nil ? 0 : 1)
      if let original = f.original { w.json(original) }
      w.string(f.metaText)
      w.strings(f.corrections)
      w.optionalString(f.retractedBy)
    }
    let ids = disagreements.keys.sorted()
    w.int(ids.count)
    for id in ids {
      let d = disagreements[id]!
      w.string(d.id)
      w.string(d.topic)
      w.strings(d.events)
      w.optionalString(d.preferred)
      w.string(d.rule)
      w.optionalString(d.reported)
    }
    let named = disagreementsByFactForCheckpoint
    w.int(named.count)
    for (fact, list) in named.sorted(by: { $0.key < $1.key }) {
      w.string(fact)
      w.strings(list)
    }
  }

  public init(checkpoint r: inout CheckpointReader) throws {
    self.init()
    let count = try r.int()
    guard count >= 0 else { throw ProjectionError.damagedCheckpoint }
    for _ in 0..<count {
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
      var fact = Fact(
        id: id, type: type, stream: stream, position: position, valid: valid, reported: try r.optionalString(),
        data: try r.json(), metaText: "")
      if try r.int() == 1 { fact.original = try r.json() }
      fact.metaText = try r.string()
      fact.corrections = try r.strings()
      fact.retractedBy = try r.optionalString()
      restoreFact(fact)
    }
    let disagreementCount = try r.int()
    for _ in 0..<max(0, disagreementCount) {
      let d = Disagreement(
        id: try r.string(), topic: try r.string(), events: try r.strings(), preferred: try r.optionalString(),
        rule: try r.string(), reported: try r.optionalString())
      restoreDisagreement(d)
    }
    let namedCount = try r.int()
    var named: [String: [String]] = [:]
    for _ in 0..<max(0, namedCount) { named[try r.string()] = try r.strings() }
    restoreDisagreementsByFact(named)
  }
}

extension FactSetState {
  public func encodeCheckpoint(into writer: inout CheckpointWriter) { facts.encodeCheckpoint(into: &writer) }

  public init(checkpoint reader: inout CheckpointReader) throws {
    self.init()
    facts = try FactSet(checkpoint: &reader)
  }
}
