import EventStore
import Projections
import Testing

@Suite("Fact sets share facts and copy on change")
struct FactSetSharingTests {
  static func envelope(_ position: Int, _ id: String, _ type: String, _ data: JSON) -> EventEnvelope {
    EventEnvelope(
      position: position, id: id, type: type, schemaVersion: 1, stream: "la:358", valid: nil,
      recorded: "2026-12-01T00:00:00Z",
      reported: "2022-01-01", data: data, metaText: "{}")
  }

  @Test("a correction absorbed by one set leaves another set holding the same fact unchanged")
  func correctionCopiesOnlyItsSet() {
    // Given two sets that both absorbed the same fact
    let figure = Self.envelope(1, "turnover", "workforce_figure", ["measure": "turnover_rate", "value": 16.6])
    var corrected = FactSet()
    var untouched = FactSet()
    corrected.absorb(figure, types: ["workforce_figure"])
    untouched.absorb(figure, types: ["workforce_figure"])
    // When only one of them absorbs a correction
    let correction = Self.envelope(2, "fix", "correction", ["target": "turnover", "fields": ["value": 16.8]])
    corrected.absorb(correction, types: ["workforce_figure"])
    // Then only that one shows the corrected value, with the original kept
    #expect(corrected[id: "turnover"]?.data["value"] == 16.8)
    #expect(corrected[id: "turnover"]?.original?["value"] == 16.6)
    #expect(corrected[id: "turnover"]?.corrections == ["fix"])
    #expect(untouched[id: "turnover"]?.data["value"] == 16.6)
    #expect(untouched[id: "turnover"]?.corrections == [])
  }

  @Test("changing an envelope after a set absorbed it does not change the set")
  func envelopeMutationIsIsolated() {
    var event = Self.envelope(1, "visit", "monitoring_visit", ["focus": "front door"])
    var set = FactSet()
    set.absorb(event, types: ["monitoring_visit"])
    event.data = ["focus": "care leavers"]
    event.id = "other"
    #expect(set[id: "visit"]?.data["focus"] == "front door")
    #expect(set[id: "other"] == nil)
  }
}
