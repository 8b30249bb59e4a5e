import EventStore
import Foundation
import JourneyDomain
import Projections
import Testing

/// The words around a figure ("over", "up to", "approximately", a range) reach `journey export`.
@Suite("Qualifiers survive into export, end to end")
struct ExportQualifierTests {
  /// The qualified figures of the shipped sample ledger as its views resolve them: id → (qualifier, value, value_high).
  static func qualifiedFacts() throws -> [String: [String?]] {
    let state = try ReplayEngine(
      ledger: JourneyProcess.repositoryRoot + "/examples/ledger", upcast: Upcaster.forReplay, useCheckpoints: false
    ).run(Evidence()).state
    let facts = state.facts.current { $0.data["qualifier"] != nil }
    return Dictionary(
      uniqueKeysWithValues: facts.map { fact in
        (fact.id, ["qualifier", "value", "value_high"].map { fact.data[$0]?.serialized() })
      })
  }

  @Test("every qualified figure exports its qualifier, value and upper bound, in JSON lines and in CSV")
  func qualifiersExported() throws {
    let expected = try Self.qualifiedFacts()
    #expect(expected.count >= 15)
    #expect(expected["bury-agency-frontline-over-40"] == ["\"over\"", "40", nil])
    #expect(expected["trafford-rereferrals-2021-22"] == ["\"range\"", "19", "21"])
    #expect(expected["bury-family-safeguarding-caseload-limit"] == ["\"up_to\"", "17", nil])
    let jsonl = try JourneyProcess.run(["export", "--format", "jsonl"])
    #expect(jsonl.status == 0, "\(jsonl.stderr)")
    var exported: [String: [String?]] = [:]
    for line in jsonl.stdout.split(separator: "\n") {
      let row = try JSONParser.parse(String(line))
      guard let id = row["id"]?.stringValue, expected[id] != nil else { continue }
      exported[id] = ["qualifier", "value", "value_high"].map { key in
        row[key].flatMap { $0 == .null ? nil : $0.serialized() }
      }
    }
    #expect(exported == expected)
    let csv = CSVRows.parse(try JourneyProcess.run(["export", "--format", "csv"]).stdout)
    let header = try #require(csv.first)
    let (id, qualifier, high) = try (
      #require(header.firstIndex(of: "id")), #require(header.firstIndex(of: "qualifier")),
      #require(header.firstIndex(of: "value_high"))
    )
    let rows = csv.dropFirst().filter { expected[$0[id]] != nil }
    #expect(rows.count == expected.count)
    for row in rows {
      let want = expected[row[id]]!
      #expect(row[qualifier] == want[0]?.replacingOccurrences(of: "\"", with: ""), "\(row[id])")
      #expect(row[high] == (want[2] ?? ""), "\(row[id])")
    }
  }
}
