import EventStore
import Foundation
import JourneyDomain
import Projections
import Testing

/// Two releases of the DfE workforce file imported in either order, an older column layout, and
/// files an import must refuse whole.
@Suite("DfE releases in any order, older layouts and all-or-nothing imports, end to end", .serialized)
struct ReleaseOrderEndToEndTests {
  static let shipped = ImportEndToEndTests.csww

  /// The shipped file's header and its rows for England, the North West, Trafford and Bury: small
  /// enough to import many times in a test, with every column and year.
  static func shippedExcerpt() throws -> [String] {
    let lines = try String(contentsOfFile: shipped, encoding: .utf8).split(separator: "\n").map(String.init)
    return [lines[0]]
      + lines.dropFirst().filter { line in
        let f = line.components(separatedBy: ",")
        return f.count > 7
          && (f[2] == "National" || f[5] == "E12000002" && f[2] == "Regional" || f[7] == "358" || f[7] == "351")
      }
  }

  /// Writes the excerpt as the 2017–2023 release and returns its path.
  static func writeOlder(in dir: String) throws -> String {
    let path = dir + "/csww_indicators_2017_to_2023.csv"
    try (shippedExcerpt().joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The shipped 2017–2023 file edited as a later release would be: England's 2023 agency rate
  /// revised, a 2024 row added for England and Trafford, and Trafford's 2021 turnover newly suppressed.
  static func laterRelease() throws -> String {
    let lines = try shippedExcerpt()
    let header = lines[0].components(separatedBy: ",")
    let agency = header.firstIndex(of: "agency_rate_fte")!
    let turnover = header.firstIndex(of: "turnover_rate_fte")!
    var out = [lines[0]]
    for line in lines.dropFirst() {
      var f = line.components(separatedBy: ",")
      guard f.count == header.count else { continue }
      if f[0] == "2023" && f[2] == "National" { f[agency] = "17.9" }
      if f[0] == "2021" && f[7] == "358" { f[turnover] = "c" }
      if f[0] == "2023" && (f[2] == "National" || f[7] == "358") {
        var next = f
        next[0] = "2024"
        next[agency] = "15.0"
        out.append(next.joined(separator: ","))
      }
      out.append(f.joined(separator: ","))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// What a replay answers, without the ids of restatements (which depend on import order).
  struct Answer: Equatable {
    var id: String
    var value: JSON
    var reported: String?
    var citation: String
  }

  static func answers(_ ledger: String, knownAt: String?) throws -> [Answer] {
    let state = try ImportEndToEndTests.replay(Evidence(), ledger: ledger, knownAt: knownAt)
    return state.facts.current().map { fact in
      Answer(id: fact.id, value: FactSet.value(of: fact.data), reported: fact.reported, citation: fact.citation)
    }
  }

  static func value(_ answers: [Answer], _ id: String) -> JSON? { answers.first { $0.id == id }?.value }

  @Test("the same two releases imported in either order give identical answers at every known-at date")
  func eitherOrder() throws {
    let dir = TemporaryDirectory()
    let later = dir.path + "/csww_indicators_2017_to_2024.csv"
    try Self.laterRelease().write(toFile: later, atomically: true, encoding: .utf8)
    let older = ["import", "csww", try Self.writeOlder(in: dir.path)]
    let newer = ["import", "csww", later, "--released", "2025-02-27"]
    let a = dir.path + "/older-first"
    let b = dir.path + "/newer-first"
    for (ledger, steps) in [(a, [older, newer]), (b, [newer, older])] {
      for step in steps {
        let result = try JourneyProcess.run(step + ["--ledger", ledger])
        #expect(result.status == 0, "\(result.stderr)")
      }
    }
    let england = "csww:england:2023:agency_rate_fte"
    let trafford = "csww:la:358:2021:turnover_rate_fte"
    for knownAt in [nil, "2024-02-28", "2024-03-01", "2025-02-26", "2025-02-27", "2026-03-01"] {
      let first = try Self.answers(a, knownAt: knownAt)
      let second = try Self.answers(b, knownAt: knownAt)
      #expect(first == second, "known at \(knownAt ?? "-")")
      let expectedAgency: Double? =
        switch knownAt {
        case "2024-02-28": nil
        case "2024-03-01", "2025-02-26": 17.8
        default: 17.9
        }
      #expect(Self.value(second, england)?["value"]?.numberValue == expectedAgency, "known at \(knownAt ?? "-")")
      let suppressed = Self.value(second, trafford)
      if knownAt.map({ $0 >= "2025-02-27" }) ?? true {
        #expect(
          suppressed?["value"] == nil && suppressed?["not_available"]?["code"] == "c", "known at \(knownAt ?? "-")")
      }
    }
    let state = try JourneyProcess.run([
      "state", "--authority", "England", "--as-of", "2023-12-31", "--known-at", "2024-03-01", "--ledger", b, "--json",
    ])
    #expect(state.status == 0, "\(state.stderr)")
    #expect(state.stdout.contains("17.8"))
  }

  @Test("re-importing an older release after a newer one appends only what was not known at its date")
  func olderAfterNewer() throws {
    let dir = TemporaryDirectory()
    let later = dir.path + "/csww_indicators_2017_to_2024.csv"
    try Self.laterRelease().write(toFile: later, atomically: true, encoding: .utf8)
    let ledger = dir.path + "/l"
    let olderFile = try Self.writeOlder(in: dir.path)
    let rows = try Self.shippedExcerpt().count - 1
    _ = try JourneyProcess.run(["import", "csww", later, "--released", "2025-02-27", "--ledger", ledger])
    let older = try JourneyProcess.run(["import", "csww", olderFile, "--ledger", ledger])
    #expect(older.status == 0, "\(older.stderr)")
    // Every value of the older file is known earlier than the newer release, which is all the ledger held.
    #expect(
      older.stderr.contains(
        "rows read \(rows), events appended \(rows * 22) (new 0, revisions 0, known earlier \(rows * 22))"),
      "\(older.stderr)")
    let again = try JourneyProcess.run(["import", "csww", olderFile, "--ledger", ledger])
    #expect(
      again.stderr.contains("events appended 0 (new 0, revisions 0, known earlier 0), unchanged \(rows * 22)"),
      "\(again.stderr)")
  }

  @Test("--authority imports only the named authorities' rows, with England's and their region's")
  func selectedAuthorities() throws {
    let dir = TemporaryDirectory()
    let file = try Self.writeOlder(in: dir.path)
    let result = try JourneyProcess.run([
      "import", "csww", file, "--ledger", dir.path + "/l", "--authority", "Trafford",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // The excerpt holds 7 years of England, the North West, Trafford and Bury: Bury's 7 rows are left out.
    #expect(
      result.stderr.contains(
        "events appended \(21 * 22) (new \(21 * 22), revisions 0, known earlier 0), unchanged 0, skipped 0, rows for other authorities 7"
      ), "\(result.stderr)")
  }

  @Test("--skip-bad-rows lists a short row and imports the rest; trailing blank lines are no rows")
  func shortRowSkipped() throws {
    let dir = TemporaryDirectory()
    var lines = try Self.shippedExcerpt()
    lines[3] = lines[3].components(separatedBy: ",").dropLast().joined(separator: ",")
    let file = dir.path + "/csww_indicators_2017_to_2023.csv"
    try (lines.joined(separator: "\n") + "\n\n\n").write(toFile: file, atomically: true, encoding: .utf8)
    let stopped = try JourneyProcess.run(["import", "csww", file, "--ledger", dir.path + "/a"])
    #expect(
      stopped.status == 1 && stopped.stderr.contains("line 4: expected 32 fields as in the header, found 31"),
      "\(stopped.stderr)")
    let skipped = try JourneyProcess.run(["import", "csww", file, "--ledger", dir.path + "/b", "--skip-bad-rows"])
    #expect(skipped.status == 0, "\(skipped.stderr)")
    let rows = lines.count - 1
    #expect(skipped.stderr.contains("rows read \(rows), events appended \((rows - 1) * 22)"), "\(skipped.stderr)")
    #expect(
      skipped.stderr.contains("skipped line 4: line 4: expected 32 fields as in the header, found 31"),
      "\(skipped.stderr)")
  }

  @Test("the 2022 headline layout imports every value column into the same measures, joint returns included")
  func headlineLayout() throws {
    let dir = TemporaryDirectory()
    let header =
      "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,social_worker_fte,leaver_fte,turnover_rate_fte_%,working_days_lost_fte,absence_rate_fte_%,agency_fte,agency_worker_rate_fte_%,agency_cover_fte,agency_cover_rate_fte_%,vacancy_fte,vacancy_rate_fte_%,vacancy_agency_cover_rate_fte_%,case_holders_fte,cases,caseload_fte,social_worker_headcount,leaver_headcount,turnover_rate_headcount_%,agency_headcount,agency_worker_rate_headcount_%,extra_note"
    let z = Array(repeating: "z", count: 20).joined(separator: ",")
    let rows = [
      "2021,Reporting year,Local authority,E92000001,England,E12000002,North West,358,E08000009,Trafford,120.5,30,24.9,1200,3.1,50,29.3,40,80,35,22.5,90,100,1500,15,125,31,24.8,52,29.4,n",
      "2021,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,138.5,19.5,14.1,900,2.5,22,13.7,20,70,25,15.3,80,110,1600,14.5,144,21,14.6,22,13.2,n",
      "2021,Reporting year,Local authority,E92000001,England,E13000002,Outer London,318,E09000027,Richmond upon Thames,\(z),n",
    ]
    let file = dir.path + "/csww_headline_2017_to_2021.csv"
    try ("\u{FEFF}" + ([header] + rows).joined(separator: "\n") + "\n").write(
      toFile: file, atomically: true, encoding: .utf8)
    let ledger = dir.path + "/l"
    let result = try JourneyProcess.run(["import", "csww", file, "--ledger", ledger])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("column 'extra_note' not imported"))
    #expect(result.stderr.contains("joint return 314 / 318 in 2021"))
    let facts = try ImportEndToEndTests.replay(Evidence(), ledger: ledger).facts
    for (column, value) in [
      ("inpost_fte", 120.5), ("turnover_rate_fte", 24.9), ("agency_rate_fte", 29.3), ("vacancy_rate_fte", 22.5),
      ("absence_rate_fte", 3.1), ("agency_rate_headcount", 29.4), ("inpost_headcount", 125), ("leavers_fte", 30),
    ] {
      #expect(facts[id: "csww:la:358:2021:\(column)"]?.data["value"]?.numberValue == value, "\(column)")
    }
    #expect(facts[id: "csww:la:318:2021:inpost_fte:joint"]?.data["value"] == 138.5)
    #expect(facts[id: "csww:la:318:2021:inpost_fte"] == nil)
  }

  @Test(
    "a file the importer cannot take whole appends nothing",
    arguments: [
      ("duplicated row", "duplicates line 3: both state Trafford's"),
      ("unknown layout", "not a layout of the DfE social work workforce indicators file: no value column"),
    ])
  func refusedWhole(name: String, message: String) throws {
    let dir = TemporaryDirectory()
    let lines = try Self.shippedExcerpt()
    let trafford = lines.first { $0.hasPrefix("2023,") && $0.contains(",358,") }!
    let text: String
    if name == "duplicated row" {
      text = ([lines[0], lines[1], trafford] + lines.dropFirst(2) + [trafford]).joined(separator: "\n")
    } else {
      text =
        "time_period,geographic_level,region_code,region_name,old_la_code,new_la_code,la_name,social_workers\n2023,National,,,,,,5\n"
    }
    let file = dir.path + "/csww_indicators_2017_to_2023.csv"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try JourneyProcess.run(["import", "csww", file, "--ledger", dir.path + "/l"])
    #expect(result.status == 1)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/l/segments/0000000000000001.jsonl"))
  }
}
