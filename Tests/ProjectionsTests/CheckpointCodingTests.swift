import EventStore
import Projections
import Testing

@Suite("Checkpoint binary form")
struct CheckpointCodingTests {
  @Test(
    "JSON values round-trip exactly",
    arguments: [
      JSON.null, true, false, 0, -1, 16.6, 1e300, .number(0.1 + 0.2), "", "Trafford – “good”", "<script>\"'",
      [], [1, "two", nil, [3.5]], [:],
      ["judgements": ["overall_effectiveness": "Inadequate"], "n": 40, "derived": false],
    ] as [JSON])
  func roundTrip(_ value: JSON) throws {
    var writer = CheckpointWriter()
    writer.json(value)
    writer.string("after")
    var reader = CheckpointReader(writer.bytes)
    #expect(try reader.json() == value)
    #expect(try reader.string() == "after")
    #expect(reader.atEnd)
  }

  @Test("truncated or unknown input is refused, never trusted")
  func damaged() {
    var writer = CheckpointWriter()
    writer.json(["a": [1, 2, "three"], "b": 4.5])
    let bytes = writer.bytes
    for length in 0..<bytes.count {
      var reader = CheckpointReader(Array(bytes.prefix(length)))
      #expect(throws: (any Error).self, "cut at \(length)") { try reader.json() }
    }
    var unknown = CheckpointReader([0x7F])
    #expect(throws: (any Error).self) { try unknown.json() }
  }

  @Test("nesting deeper than the JSON parser allows is refused")
  func deep() {
    var value: JSON = 1
    for _ in 0..<(JSONParser.maximumDepth + 2) { value = [value] }
    var writer = CheckpointWriter()
    writer.json(value)
    var reader = CheckpointReader(writer.bytes)
    #expect(throws: (any Error).self) { try reader.json() }
  }
}
