import EventStore
import Foundation
import JourneyDomain
import Testing

/// The repository root, from this file's path.
let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

@Suite("The sample ledger's source files")
struct SampleLedgerSourceTests {
  /// `examples/sample-ledger/NNN.jsonl`, one per source document, in name order.
  static let files: [String] = try! FileManager.default.contentsOfDirectory(
    atPath: repositoryRoot + "/examples/sample-ledger"
  )
  .filter { $0.hasSuffix(".jsonl") }.sorted()
  /// The files as one batch, as `examples/build-sample-ledger.sh` imports them.
  static let text = files.map {
    try! String(contentsOfFile: repositoryRoot + "/examples/sample-ledger/" + $0, encoding: .utf8)
  }
  .joined(separator: "\n")
  static let events = try! EventLine.parseBatch(text)

  static func collapse(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

  @Test("every line validates and there are well over 200 events")
  func validates() {
    #expect(Self.events.count > 200)
    #expect(Set(Self.events.map(\.id)).count == Self.events.count)
    #expect(Set(Self.events.map(\.authority.name)) == ["Trafford", "Bury", "England"])
  }

  @Test("each file holds the events of one source document, named by its number")
  func onePerDocument() throws {
    for file in Self.files {
      let text = try String(contentsOfFile: repositoryRoot + "/examples/sample-ledger/" + file, encoding: .utf8)
      for event in try EventLine.parseBatch(text, knownID: { _ in true }) {
        let cited = event.source?["file"]?.stringValue ?? "(no source)"
        #expect(
          cited.hasPrefix(file.replacingOccurrences(of: ".jsonl", with: "_")), "\(event.id) in \(file) cites \(cited)")
      }
    }
  }

  @Test("every quote appears in the cited lines of the cited document")
  func quotes() throws {
    var documents: [String: [Substring]] = [:]
    for event in Self.events {
      let source = try #require(event.source, "\(event.id) has no source")
      let file = try #require(source["file"]?.stringValue)
      let lines =
        try documents[file]
        ?? String(contentsOfFile: repositoryRoot + "/examples/sources/" + file, encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false)
      documents[file] = lines
      let range = try #require(source["lines"]?.stringValue).split(separator: "-").compactMap { Int($0) }
      let cited = lines[(range[0] - 1)..<(range.last!)].joined(separator: " ")
      let quote = Self.collapse(try #require(source["quote"]?.stringValue))
      #expect(Self.collapse(cited).contains(quote), "\(event.id): quote not in \(file):\(range)")
    }
  }

  @Test("the copied sources are the five documents, byte for byte")
  func sourcesCopied() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/examples/sources").filter {
      $0.hasSuffix(".txt")
    }
    #expect(names.count == 5)
  }

  struct Contradiction: Sendable, CustomTestStringConvertible {
    let topic: String
    let claims: [String]
    var testDescription: String { topic }
  }

  @Test(
    "the contradictions of DOMAIN.md are present as separate, linked events",
    arguments: [
      Contradiction(
        topic: "turnover 16.8 / 16.6 / 16.7",
        claims: ["trafford-turnover-2021-22-q4", "trafford-turnover-2021-22-sa", "trafford-turnover-2022-09"]),
      Contradiction(topic: "month of the focused visit", claims: ["trafford-fv-2021-03", "trafford-fv-2021-02"]),
      Contradiction(
        topic: "letter date of the March 2022 visit",
        claims: ["trafford-mv-2022-03", "trafford-mv-2022-03-letter-held"]),
      Contradiction(topic: "month of the 2019 judgement", claims: ["trafford-ilacs-2019", "trafford-ilacs-2019-june"]),
      Contradiction(topic: "redesign go-live year", claims: ["trafford-redesign-live", "trafford-redesign-live-2022"]),
      Contradiction(
        topic: "Family Safeguarding launch", claims: ["bury-family-safeguarding-2024", "bury-family-safeguarding-2023"]),
      Contradiction(
        topic: "Bury frontline agency rate", claims: ["bury-agency-frontline-40", "bury-agency-frontline-over-40"]),
      Contradiction(
        topic: "Bury secondary absence, autumn and spring 2023/24",
        claims: ["bury-school-absence-secondary-2023-24", "bury-school-absence-secondary-2023-24-slip"]),
      Contradiction(
        topic: "year of Trafford's new senior leadership team",
        claims: ["trafford-slt-2021-22", "trafford-leadership-team-2020"]),
      Contradiction(
        topic: "March 2020 monitoring visit postponed or cancelled",
        claims: ["trafford-mv-2020-03-postponed", "trafford-mv-2020-03-cancelled"]),
      Contradiction(
        topic: "March 2020 visit, as the July 2022 report tells it",
        claims: ["trafford-mv-2020-03-postponed", "trafford-mv-2020-03-cancelled-july22"]),
      Contradiction(topic: "good management grip", claims: ["trafford-audit-grip-q3", "trafford-audit-grip-increase"]),
      Contradiction(
        topic: "moderation agreement, quarter 2",
        claims: ["trafford-audit-moderation-q2", "trafford-audit-moderation-q2-cal"]),
      Contradiction(
        topic: "monitoring visits since 2019", claims: ["trafford-mv-2022-03", "trafford-mv-count-2022-07"]),
      Contradiction(
        topic: "children electively home educated, July 2022",
        claims: ["trafford-ehe-register-2022-07", "trafford-ehe-2022"]),
      Contradiction(topic: "the 2015 inspection", claims: ["trafford-ilacs-2015", "trafford-ilacs-2015-misprint"]),
      Contradiction(
        topic: "type of the March 2019 inspection", claims: ["trafford-ilacs-2019-fieldwork", "trafford-ilacs-2019"]),
    ])
  func contradiction(_ c: Contradiction) throws {
    let ids = Set(Self.events.map(\.id))
    for claim in c.claims { #expect(ids.contains(claim), "missing claim \(claim)") }
    let links = Self.events.filter { $0.type == "sources_disagree" }
      .filter { link in
        Set(c.claims).isSubset(of: Set(link.data["events"]?.arrayValue?.compactMap(\.stringValue) ?? []))
      }
    #expect(links.count == 1, "no sources_disagree links \(c.claims)")
    let claims = Self.events.filter { c.claims.contains($0.id) }
    #expect(
      Set(claims.compactMap { $0.source?["quote"]?.stringValue }).count == c.claims.count,
      "claims must cite different text")
  }
}
