import EventStore
import JourneyBenchKit
import ProjectionTestKit
import Projections
import Testing

/// Claims about a few facts: three releases of one statistic (one appended as an earlier release
/// restating a later one), a newer "not available", a corroborating source, a correction and a
/// retraction, and two sources that disagree.
private enum Claims {
  static let figure: JSON = [
    "measure": "agency_rate", "unit": "percent", "period": "as at 2023-09-30", "source_kind": "dfe_statistics",
  ]

  static func figure(_ id: String, reported: String, value: Double?, restates: String? = nil) -> NewEvent {
    var data = figure.objectValue!
    data["value"] = value.map(JSON.number)
    if value == nil { data["not_available"] = ["code": "x", "reason": "data is unavailable for other reason(s)"] }
    data["restates"] = restates.map(JSON.string)
    return ProjectionTestKit.event(
      id, "workforce_figure", stream: "england", valid: ("2023-09-30", "2023-09-30"), reported: reported,
      data: .object(data))
  }

  static func local(_ id: String, reported: String, value: Double, restates: String? = nil) -> NewEvent {
    var data: [String: JSON] = [
      "measure": "turnover_rate", "unit": "percent", "period": "2021-22 Q4", "source_kind": "local_mi",
      "value": .number(value),
    ]
    data["restates"] = restates.map(JSON.string)
    return ProjectionTestKit.event(
      id, "workforce_figure", valid: ("2022-01-01", "2022-03-31"), reported: reported, data: .object(data))
  }

  static let all: [NewEvent] = [
    // Releases of England's 2023 agency rate: the 2024 release first recorded, the 2023 one
    // appended later as an earlier release, the 2025 one revising it, the 2026 one suppressing it.
    figure("agency-2023", reported: "2024-02-29", value: 17.8),
    figure("agency-2023@2025-02-27", reported: "2025-02-27", value: 17.9, restates: "agency-2023"),
    figure("agency-2023@2023-12-01", reported: "2023-12-01", value: 17.6, restates: "agency-2023"),
    figure("agency-2023@2026-02-26", reported: "2026-02-26", value: nil, restates: "agency-2023@2025-02-27"),
    // A local figure, corroborated by a later document, then corrected.
    local("turnover-q4", reported: "2022-07-05", value: 16.8),
    local("turnover-q4-slides", reported: "2022-09-27", value: 16.8, restates: "turnover-q4"),
    ProjectionTestKit.event(
      "turnover-q4-fix", "correction", reported: "2022-10-15",
      data: ["target": "turnover-q4", "fields": ["value": 16.9], "reason": "recalculated"]),
    // Two sources that disagree, and which one views show.
    local("turnover-sa", reported: "2022-07-05", value: 16.6),
    ProjectionTestKit.event(
      "turnover-disagree", "sources_disagree", reported: "2022-07-05",
      data: ["events": ["turnover-q4", "turnover-sa"], "topic": "turnover", "rule": "the later-known claim"]),
    // A figure withdrawn later.
    local("turnover-withdrawn", reported: "2022-05-01", value: 30),
    ProjectionTestKit.event(
      "turnover-withdrawn-retracted", "retraction", reported: "2022-08-01",
      data: ["target": "turnover-withdrawn", "reason": "wrong team"]),
  ]

  static let knownAt = [
    nil, "2022-06-01", "2022-07-05", "2022-09-27", "2022-12-31", "2023-12-31", "2024-03-01", "2025-03-01", "2026-03-01",
  ]
  static let asOf = [nil, "2022-03-31", "2023-12-31"]
}

/// What a view answers about a fact, leaving out its log position (which depends on append order).
private struct Answer: Equatable, CustomStringConvertible {
  var id: String
  var data: JSON
  var reported: String?
  var metaText: String
  var claims: [FactClaim]
  var corrections: [String]

  init(_ fact: Fact) {
    (id, data, reported, metaText, claims, corrections) = (
      fact.id, fact.data, fact.reported, fact.metaText, fact.claims, fact.corrections
    )
  }

  var description: String { "\(id)=\(data["value"]?.serialized() ?? "n/a") known \(reported ?? "-")" }
}

@Suite("Knowledge time decides which claim stands, whatever the append order")
struct KnowledgeTimeTests {
  private func answers(_ events: [NewEvent], asOf: String?, knownAt: String?) throws -> [Answer] {
    let state = try ProjectionTestKit.given(events).when(asOf: asOf, knownAt: knownAt).then(Evidence())
    return state.facts.current().map(Answer.init)
  }

  @Test("random permutations of the same claims give identical answers at every as-of and known-at date")
  func permutationsAgree() throws {
    var random = SeededRandom(seed: 13)
    var expected: [String: [Answer]] = [:]
    for round in 0..<12 {
      let events = round == 0 ? Claims.all : Claims.all.shuffled(using: &random)
      for asOf in Claims.asOf {
        for knownAt in Claims.knownAt {
          let key = "\(asOf ?? "-")|\(knownAt ?? "-")"
          let got = try answers(events, asOf: asOf, knownAt: knownAt)
          if let first = expected[key] {
            #expect(got == first, "order \(events.map(\.id)) at \(key)")
          } else {
            expected[key] = got
          }
        }
      }
    }
  }

  @Test(
    "the value in force is the claim with the latest knowledge date on or before the known-at date",
    arguments: [
      ("2023-06-01", nil as Double?, false),
      ("2023-12-31", 17.6, true),
      ("2024-03-01", 17.8, true),
      ("2025-03-01", 17.9, true),
      ("2026-03-01", nil, true),
    ])
  func latestKnownClaimStands(knownAt: String, value: Double?, known: Bool) throws {
    // Given the claims in append order, when replayed as known at a date
    let facts = try answers(Claims.all, asOf: nil, knownAt: knownAt)
    let agency = facts.first { $0.id == "agency-2023" }
    // Then the fact is known from its earliest claim, with the latest-known claim's value
    #expect((agency != nil) == known)
    #expect(agency?.data["value"]?.numberValue == value)
    if known, value == nil { #expect(agency?.data["not_available"] != nil) }
  }

  @Test("a revised value names the claim that revised it and what it replaced")
  func revisionIsExplained() throws {
    let facts = try answers(Claims.all, asOf: nil, knownAt: "2025-03-01")
    let agency = try #require(facts.first { $0.id == "agency-2023" })
    #expect(agency.claims.map(\.id) == ["agency-2023@2023-12-01", "agency-2023", "agency-2023@2025-02-27"])
    #expect(agency.claims.last?.replaced?["value"] == 17.8)
    let state = try ProjectionTestKit.given(Claims.all).when(knownAt: "2025-03-01").then(Evidence())
    let note = state.facts[id: "agency-2023"]?.changeNote { $0["value"]?.serialized() ?? "n/a" }
    #expect(note == "revised from 17.8 (2024-02-29) by test:1, 2025-02-27")
  }

  @Test("a correction applies from its own knowledge date; a corroborating source changes nothing")
  func correctionAndCorroboration() throws {
    let before = try answers(Claims.all, asOf: nil, knownAt: "2022-09-27").first { $0.id == "turnover-q4" }
    #expect(before?.data["value"] == 16.8)
    #expect(before?.claims.map(\.id) == ["turnover-q4", "turnover-q4-slides"])
    #expect(before?.claims.allSatisfy { $0.replaced == nil } == true)
    let after = try answers(Claims.all, asOf: nil, knownAt: "2022-12-31").first { $0.id == "turnover-q4" }
    #expect(after?.data["value"] == 16.9)
    #expect(after?.corrections == ["turnover-q4-fix"])
  }

  @Test(
    "a disagreement without a preferred claim shows the later-known one, ties by id; a retraction hides from its date")
  func disagreementAndRetraction() throws {
    let ids = try answers(Claims.all, asOf: nil, knownAt: "2022-07-05").map(\.id)
    // Both claims known on 2022-07-05: the tie goes to the greater id, turnover-sa.
    #expect(ids.contains("turnover-sa") && !ids.contains("turnover-q4"))
    #expect(ids.contains("turnover-withdrawn"))
    let later = try answers(Claims.all, asOf: nil, knownAt: "2022-09-27").map(\.id)
    // The restating slides make turnover-q4 known later than turnover-sa: it is shown from then.
    #expect(later.contains("turnover-q4") && !later.contains("turnover-sa"))
    #expect(!later.contains("turnover-withdrawn"))
  }
}
