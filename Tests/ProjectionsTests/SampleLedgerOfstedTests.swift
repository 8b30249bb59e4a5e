import EventStore
import Projections
import Testing

/// Ofsted's inspection history in the sample ledger, beside the documents' own records.
@Suite("Ofsted's history in the sample ledger: one fact per inspection, several sources")
struct SampleLedgerOfstedTests {
  static func inspections(stream: String, knownAt: String? = nil) throws -> [Fact] {
    try Sample.replay(Evidence(), knownAt: knownAt).facts.current(stream: stream) { $0.type == "ilacs_inspection" }
  }

  @Test("Trafford's 2019 and 2022 reports restate the documents' inspections; Ofsted's exact dates stand")
  func traffordLinked() throws {
    let facts = try Self.inspections(stream: "la:358")
    let of2019 = try #require(facts.first { $0.id == "trafford-ilacs-2019-fieldwork" })
    #expect(of2019.claims.map(\.id).contains("ilacs:80573:2019-05-08"))
    #expect(of2019.data["fieldwork_start"] == "2019-03-04" && of2019.data["fieldwork_end"] == "2019-03-08")
    #expect(of2019.valid == ValidTime(from: "2019-03-04", to: "2019-03-08"))
    #expect(of2019.data["published"] == "2019-05-08" && of2019.data["inspection_type"] == "short")
    let of2022 = try #require(facts.first { $0.id == "trafford-ilacs-2022" })
    #expect(of2022.claims.map(\.id).sorted() == ["ilacs:80573:2023-01-31", "trafford-ilacs-2022"])
    #expect(of2022.data["published"] == "2023-01-31")
    #expect(!facts.contains { $0.id.hasPrefix("ilacs:80573:2019") || $0.id.hasPrefix("ilacs:80573:2023") })
  }

  @Test("no inspection is shown twice: the fieldwork of the inspections a view shows never overlaps")
  func noInspectionTwice() throws {
    for stream in ["la:358", "la:351"] {
      let facts = try Self.inspections(stream: stream)
      for (a, b) in zip(facts, facts.dropFirst()) {
        #expect((a.valid?.to ?? "") < (b.valid?.from ?? ""), "\(a.id) and \(b.id) overlap")
      }
    }
  }

  @Test("the 2019 inspection is known from Ofsted's publication, before any document states it")
  func knownFromPublication() throws {
    #expect(try Self.inspections(stream: "la:358", knownAt: "2019-05-07").allSatisfy { $0.valid?.from ?? "" < "2019" })
    let may2019 = try Self.inspections(stream: "la:358", knownAt: "2019-05-08")
    #expect(may2019.map(\.id) == ["trafford-ilacs-2019-fieldwork"])
    #expect(may2019.first?.data["fieldwork_start"] == "2019-03-04")
  }

  @Test(
    "history merges facts whose fieldwork overlaps: as known on 2022-07-05, 'June 2019' and Ofsted's row are one inspection"
  )
  func overlappingFactsMerged() throws {
    let history = try Sample.replay(JudgementHistory(), knownAt: "2022-07-05")
    let inspections = history.inspections(stream: "la:358")
    #expect(inspections.count == 1)
    let only = try #require(inspections.first)
    #expect(only.fieldworkStart == "2019-03-04" && only.fieldworkEnd == "2019-03-08")
    #expect(only.published == "2019-05-08")
    #expect(only.judgements.count == 4)
    #expect(only.evidence.contains("trafford-ilacs-2019-june"))
  }

  @Test("Bury's 2021 and 2025 inspections are new facts from Ofsted's history")
  func buryInspections() throws {
    let facts = try Self.inspections(stream: "la:351")
    #expect(facts.map(\.id) == ["ilacs:80443:2021-12-17", "ilacs:80443:2025-07-29"])
    #expect(facts.first?.data["judgements"]?["overall_effectiveness"] == "Inadequate")
    #expect(facts.first?.reported == "2021-12-17")
  }
}
