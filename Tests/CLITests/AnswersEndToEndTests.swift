import Foundation
import Testing

/// The answers of issue 15 (before/after, readiness, state on a date, intervals, rankings) as the
/// built `journey` prints them, on the shipped sample ledger and on ledgers built in the test.
@Suite("journey answers end to end: like-for-like, evidence counts, pending reports, intervals, rankings")
struct AnswersEndToEndTests {
  static func json(_ result: JourneyProcess.Result) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test("compare never pairs 470 audits in calendar 2021 with 420 in 2021-22, and states its window")
  func compareLikeWithLike() throws {
    let result = try JourneyProcess.run(["compare", "--authority", "Trafford", "--visit", "trafford-mv-2022-03"])
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout.replacingOccurrences(of: "\n", with: " ")
    #expect(text.contains("Window: readings whose period ended from 2021-09-05 to 2022-03-10 (before)"))
    #expect(text.contains("Measured only before: "))
    #expect(text.contains("audit all audits, count 470 (2021)"))
    #expect(text.contains("audit all audits, count over 420 (2021-22)"))
    #expect(!result.stdout.contains("-50.0"))
    let json = try Self.json(
      try JourneyProcess.run(["compare", "--authority", "Trafford", "--visit", "trafford-mv-2022-03", "--json"]))
    let pairs = try #require(json["pairs"] as? [[String: Any]])
    #expect(pairs.allSatisfy { ["better", "worse", "unchanged", "changed"].contains($0["verdict"] as? String ?? "") })
    #expect(
      pairs.allSatisfy {
        ($0["before"] as? [String: Any])?["series"] as? String == ($0["after"] as? [String: Any])?["series"] as? String
      })
    #expect((json["only_before"] as? [Any])?.isEmpty == false)
  }

  @Test("readiness says how many components have evidence and gives Bury no single score before its 2021 inspection")
  func readiness() throws {
    let bury = try JourneyProcess.run(["readiness", "--authority", "Bury", "--as-of", "2021-06-30"])
    #expect(bury.status == 0, "\(bury.stderr)")
    #expect(bury.stdout.contains("no single score ("))
    #expect(bury.stdout.contains("components have evidence; a single score needs at least 4)"))
    let trafford = try Self.json(
      try JourneyProcess.run(["readiness", "--authority", "Trafford", "--as-of", "2022-09-30", "--json"]))
    let readiness = try #require(trafford["readiness"] as? [String: Any])
    #expect(readiness["minimum_components"] as? Double == 4)
    let audit = (readiness["components"] as? [[String: Any]])?.first { $0["name"] as? String == "audit_quality" }
    #expect((audit?["explanation"] as? String)?.hasPrefix("all audits ") == true)
  }

  @Test(
    "state on 2022-12-31: the 2022 inspection is done with its report pending, the 2019 grades in force, four visits and what came next"
  )
  func pendingReport() throws {
    let result = try JourneyProcess.run(["state", "--authority", "Trafford", "--as-of", "2022-12-31"])
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout.replacingOccurrences(of: "\n", with: " ")
    #expect(text.contains("Inspection done, report pending: fieldwork 2022-11-21…2022-12-02"))
    #expect(
      result.stdout.split(separator: "\n").contains {
        $0.hasPrefix("Overall effectiveness") && $0.hasSuffix("Inadequate")
      })
    #expect(text.contains("4 monitoring visits"))
    #expect(text.contains("next: re-inspection 2022-11-21…2022-12-02 (inspection done, report pending)"))
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
  }

  @Test("a ledger with no inspection of an authority says so, not that no judgement was in force")
  func noInspection() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/bury"
    let line =
      #"{"id": "bury-s47", "type": "performance_indicator", "authority": "Bury", "reported": "2024-09-17", "source": {"file": "002_1de95a8b1305ad00.txt", "lines": "600", "quote": "13 days"}, "data": {"metric": "s47_median_days", "value": 13, "unit": "days", "period": "2024-25"}}"#
    let imported = try JourneyProcess.run(["import", "events", "-", "--ledger", ledger], stdin: line + "\n")
    #expect(imported.status == 0, "\(imported.stderr)")
    let state = try JourneyProcess.run(["state", "--authority", "Bury", "--as-of", "2024-09-17", "--ledger", ledger])
    #expect(state.status == 0, "\(state.stderr)")
    #expect(state.stdout.contains("The ledger holds no inspection of Bury up to 2024-09-17."))
    #expect(!state.stdout.contains("No judgement was in force"))
    #expect(state.stdout.contains("s47 median days"))
    let before = try JourneyProcess.run(["state", "--authority", "Bury", "--as-of", "2024-09-16", "--ledger", ledger])
    #expect(!before.stdout.contains("s47 median days"))
  }

  @Test("history and timeline show intervals, the longest called out, in tables and JSON")
  func intervals() throws {
    let timeline = try JourneyProcess.run(["timeline", "--authority", "Trafford"])
    #expect(timeline.status == 0, "\(timeline.stderr)")
    #expect(timeline.stdout.contains("Intervals (days)"))
    #expect(timeline.stdout.contains("Longest between monitoring visits: "))
    let history = try Self.json(try JourneyProcess.run(["history", "--authority", "Trafford", "--json"]))
    let intervals = try #require(history["intervals"] as? [[String: Any]])
    let kinds = Set(intervals.compactMap { $0["kind"] as? String })
    #expect(kinds.isSuperset(of: ["between monitoring visits", "visit to letter", "between inspections"]))
    #expect(
      intervals.filter { $0["kind"] as? String == "between monitoring visits" && $0["longest"] as? Bool == true }.count
        == 1)
  }

  @Test("national rank --source local ranks the councils' own figures, with period and source")
  func rankLocal() throws {
    let result = try JourneyProcess.run(["national", "rank", "--measure", "agency_rate", "--source", "local"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n")
    #expect(rows.contains { $0.contains("Bury") && $0.contains("2024-09") && $0.contains("002:") })
    #expect(rows.contains { $0.contains("Trafford") && $0.contains("2022-07") && $0.contains("000:") })
    let json = try Self.json(
      try JourneyProcess.run(["national", "rank", "--measure", "agency_rate", "--source", "local", "--json"]))
    #expect(json["source"] as? String == "local")
    let misuse = try JourneyProcess.run(["national", "rank", "--measure", "percent_good_or_better"])
    #expect(misuse.status == 64)
    #expect(misuse.stderr.contains("use --source local"))
  }

  @Test("national judgements lists every authority with a judgement in force on the date")
  func nationalJudgements() throws {
    let result = try JourneyProcess.run(["national", "judgements", "--as-of", "2020-01-01"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.split(separator: "\n").contains {
        $0.hasPrefix("Trafford") && $0.contains("2019-05-08") && $0.contains("Inadequate")
      })
    let json = try Self.json(try JourneyProcess.run(["national", "judgements", "--as-of", "2020-01-01", "--json"]))
    let authorities = try #require(json["authorities"] as? [[String: Any]])
    #expect(authorities.contains { $0["authority"] as? String == "Trafford" })
  }
}
