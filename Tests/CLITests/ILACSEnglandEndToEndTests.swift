import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// An England-wide ILACS history file, as Ofsted's scrape spells it, imported by the built binary.
@Suite("Ofsted's ILACS history for all of England, end to end", .serialized)
struct ILACSEnglandEndToEndTests {
  /// A constructed file in the layout of Ofsted's England-wide ILACS history.
  ///
  /// The layout is that of `ofsted_csc_ilacs_history.csv` (JT-39/ofsted-ilacs-scrape-tool):
  /// authorities from seven regions under Ofsted's lower-case, qualifier-free names, a report with
  /// grades but no fieldwork dates (line 6), "to requires improvement" (line 7), a report under the
  /// April 2026 framework (line 14), an unreadable one (line 15) and a trailing blank line.
  /// The grades are made up for the test; the URNs are Ofsted's.
  static let england = """
    urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version
    80438,brighton and hove,https://files.ofsted.gov.uk/v1/file/1,children's services inspection - 10 may 2024.pdf,10/05/24,standard,Inspector A,11/03/2024,22/03/2024,outstanding,outstanding,outstanding,outstanding,good,1
    80438,brighton and hove,https://files.ofsted.gov.uk/v1/file/2,children's services inspection - 03 august 2018.pdf,03/08/18,standard,Inspector B,11/06/2018,22/06/2018,good,good,good,good,inspection_pre_dates_judgement,1
    80533,nottingham,https://files.ofsted.gov.uk/v1/file/3,children's services inspection - 18 november 2022.pdf,18/11/22,standard,Inspector C,26/09/2022,07/10/2022,inadequate,inadequate,inadequate,requires improvement,inspection_pre_dates_judgement,1
    80533,nottingham,https://files.ofsted.gov.uk/v1/file/4,children's services inspection - 21 june 2019.pdf,21/06/19,short,Inspector D,13/05/2019,17/05/2019,requires improvement,requires improvement,requires improvement,good,inspection_pre_dates_judgement,1
    80441,bristol,https://files.ofsted.gov.uk/v1/file/5,children's services inspection - 14 february 2020.pdf,14/02/20,,,,,good,good,requires improvement,good,inspection_pre_dates_judgement,1
    80465,durham,https://files.ofsted.gov.uk/v1/file/6,children's services inspection - 15 december 2023.pdf,15/12/23,standard,Inspector E,16/10/2023,27/10/2023,good,good,to requires improvement,good,good,1
    80474,herefordshire,https://files.ofsted.gov.uk/v1/file/7,children's services inspection - 12 january 2026.pdf,12/01/26,standard,Inspector F,24/11/2025,05/12/2025,requires improvement,requires improvement,requires improvement,requires improvement,requires improvement,1
    80477,kingston upon hull,https://files.ofsted.gov.uk/v1/file/8,children's services inspection - 18 may 2026.pdf,18/05/26,standard,Inspector G,16/03/2026,27/03/2026,good,good,good,good,good,1
    80450,city of london,https://files.ofsted.gov.uk/v1/file/9,children's services inspection - 20 september 2019.pdf,20/09/19,standard,Inspector H,15/07/2019,19/07/2019,outstanding,outstanding,outstanding,outstanding,inspection_pre_dates_judgement,1
    2532283,dorset,https://files.ofsted.gov.uk/v1/file/10,children's services inspection - 09 may 2025.pdf,09/05/25,standard,Inspector I,17/03/2025,28/03/2025,good,good,good,good,good,1
    2733690,cumberland,https://files.ofsted.gov.uk/v1/file/11,children's services inspection - 26 november 2024.pdf,26/11/24,standard,Inspector J,07/10/2024,18/10/2024,good,good,requires improvement,good,good,1
    2733698,westmorland and furness,https://files.ofsted.gov.uk/v1/file/12,children's services inspection - 12 july 2024.pdf,12/07/24,standard,Inspector K,22/04/2024,03/05/2024,good,good,good,good,requires improvement,1
    80460,derbyshire,https://files.ofsted.gov.uk/v1/file/13,children's services inspection - 28 july 2026.pdf,28/07/26,standard,Inspector L,08/06/2026,19/06/2026,not_reported_post_reform,good,good,good,good,1
    80426,barnsley,https://files.ofsted.gov.uk/v1/file/14,children's services inspection - 08 december 2017.pdf,08/12/17,,,,,,data_unreadable,data_unreadable,data_unreadable,data_unreadable,1


    """

  /// Writes `text` as the ILACS file in a new directory; returns the directory and the file's path.
  static func write(_ text: String = england) throws -> (TemporaryDirectory, String) {
    let dir = TemporaryDirectory()
    let path = dir.path + "/ofsted_csc_ilacs_history.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  static func lines(_ transform: (inout [String]) -> Void) -> String {
    var lines = england.components(separatedBy: "\n")
    transform(&lines)
    return lines.joined(separator: "\n")
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test(
    "the whole file imports without --skip-bad-rows; national judgements shows the latest grades and every judgement")
  func importsEngland() throws {
    let (dir, path) = try Self.write()
    let ledger = dir.path + "/l"
    let result = try JourneyProcess.run(["import", "ilacs", path, "--ledger", ledger, "--released", "2026-08-21"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "rows read 14, events appended 13 (new 13, revisions 0, known earlier 0), unchanged 0, skipped 1"),
      "\(result.stderr)")
    #expect(
      result.stderr.contains("skipped line 15: Barnsley, published 2017-12-08: no readable judgement in the source"))

    let national = try JourneyProcess.run([
      "national", "judgements", "--ledger", ledger, "--as-of", "2026-12-01", "--format", "csv",
    ])
    #expect(national.status == 0, "\(national.stderr)")
    // CSV lines end in CRLF; each table row is "section,columns…,note" (docs/CLI.md).
    let lines = national.stdout.split(whereSeparator: \.isNewline).map(String.init)
    #expect(lines.first == "section,Authority,Since,Overall,Leaders,Help & protection,In care,Care leavers,note")
    let section = "Judgements in force on 2026-12-01,"
    let rows = lines.filter { $0.hasPrefix(section) }.map { String($0.dropFirst(section.count).dropLast()) }
    #expect(rows.count == 11)
    for expected in [
      "Brighton and Hove,2024-05-10,Outstanding,Outstanding,Outstanding,Outstanding,Good",
      "Nottingham,2022-11-18,Inadequate,Inadequate,Inadequate,RI,not separate before 2023",
      "\"Bristol, City of\",2020-02-14,Good,Good,RI,Good,not separate before 2023",
      "Derbyshire,2026-07-28,not given from 2026,Good,Good,Good,Good",
      "County Durham,2023-12-15,Good,Good,RI,Good,Good",
    ] {
      #expect(rows.contains(expected), "\(expected)")
    }
    #expect(
      rows.allSatisfy { !$0.contains(",,") && !$0.contains(",-") && !$0.hasSuffix(",") },
      "no judgement is blank or a dash")

    let json = try Self.json(
      try JourneyProcess.run(["national", "judgements", "--ledger", ledger, "--as-of", "2026-12-01", "--json"]).stdout)
    let authorities = try #require(json["authorities"] as? [[String: Any]])
    #expect(authorities.count == 11)
    let derbyshire = try #require(
      authorities.first { $0["authority"] as? String == "Derbyshire" }?["in_force"] as? [String: Any])
    #expect(
      (derbyshire["judgements_absent"] as? [String: String])?["overall_effectiveness"]
        == "not given under the framework from April 2026")
  }

  @Test("names as Ofsted spells them find the registry's authorities")
  func names() throws {
    let (dir, path) = try Self.write()
    _ = try JourneyProcess.run(["import", "ilacs", path, "--ledger", dir.path + "/l", "--released", "2026-08-21"])
    for (name, expected, count) in [
      ("bristol", "la:801", 1), ("durham", "la:840", 1), ("herefordshire", "la:884", 1),
      ("kingston upon hull", "la:810", 1),
      ("city of london", "la:201", 1), ("brighton and hove", "la:846", 2), ("dorset", "la:838", 1),
      ("cumberland", "la:942", 1),
      ("westmorland and furness", "la:943", 1),
    ] {
      let history = try JourneyProcess.run(["history", "--authority", name, "--ledger", dir.path + "/l", "--json"])
      #expect(history.status == 0, "\(name): \(history.stderr)")
      #expect(
        history.stdout.contains("\"stream\":\"\(expected)\"") || history.stdout.contains("(\(expected))"), "\(name)")
      let inspections = try #require(try Self.json(history.stdout)["inspections"] as? [[String: Any]], "\(name)")
      #expect(inspections.count == count, "\(name)")
    }
  }

  @Test("a report with grades but no fieldwork dates takes its publication date, marked as such")
  func publicationPeriod() throws {
    let (dir, path) = try Self.write()
    _ = try JourneyProcess.run(["import", "ilacs", path, "--ledger", dir.path + "/l", "--released", "2026-08-21"])
    let history = try JourneyProcess.run(["history", "--authority", "bristol", "--ledger", dir.path + "/l", "--json"])
    let inspection = try #require((try Self.json(history.stdout)["inspections"] as? [[String: Any]])?.first)
    #expect(inspection["fieldwork_start"] as? String == "2020-02-14")
    #expect(inspection["fieldwork_end"] as? String == "2020-02-14")
    #expect(inspection["period_basis"] as? String == "publication")
    let table = try JourneyProcess.run(["history", "--authority", "bristol", "--ledger", dir.path + "/l"])
    #expect(table.stdout.contains("not in source  2020-02-14"), "\(table.stdout)")
    let state = try JourneyProcess.run(["state", "--authority", "bristol", "--ledger", dir.path + "/l"])
    #expect(
      state.stdout.contains(
        "The source gives no fieldwork dates for this inspection; its publication date (2020-02-14)"), "\(state.stdout)"
    )
  }

  @Test("'to requires improvement' is read by its documented mapping and the source's words are kept")
  func mappedGrade() throws {
    let (dir, path) = try Self.write()
    _ = try JourneyProcess.run(["import", "ilacs", path, "--ledger", dir.path + "/l", "--released", "2026-08-21"])
    let log = try JourneyProcess.run(["log", "--authority", "durham", "--ledger", dir.path + "/l", "--json"])
    #expect(log.stdout.contains("\"help_and_protection\":\"Requires improvement to be good\""), "\(log.stdout)")
    #expect(
      log.stdout.contains("\"judgements_original\":{\"help_and_protection\":\"to requires improvement\"}"),
      "\(log.stdout)")
  }

  @Test("the reason for a missing grade shows in history and state, never a blank or a dash")
  func missingGradeReasons() throws {
    let (dir, path) = try Self.write()
    let ledger = dir.path + "/l"
    _ = try JourneyProcess.run(["import", "ilacs", path, "--ledger", ledger, "--released", "2026-08-21"])
    let state = try JourneyProcess.run([
      "state", "--authority", "derbyshire", "--ledger", ledger, "--as-of", "2026-12-01",
    ])
    #expect(state.stdout.contains("not graded: not given under the framework from April 2026"), "\(state.stdout)")
    let history = try JourneyProcess.run(["history", "--authority", "nottingham", "--ledger", ledger])
    #expect(history.stdout.contains("Care leavers"), "\(history.stdout)")
    #expect(history.stdout.contains("not separate before"), "\(history.stdout)")
    let old = try JourneyProcess.run([
      "state", "--authority", "nottingham", "--ledger", ledger, "--as-of", "2020-01-01",
    ])
    #expect(
      old.stdout.contains("not graded: the judgement did not exist when the inspection took place")
        || old.stdout.contains("not graded: no separate judgement before 2023"), "\(old.stdout)")
  }

  struct BadFile: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let error: String
    var testDescription: String { name }
  }

  @Test(
    "a bad row stops the import with its line and column and appends nothing",
    arguments: [
      BadFile(
        name: "unknown grade word",
        text: lines {
          $0[3] = $0[3].replacingOccurrences(
            of: "inadequate,inadequate,inadequate", with: "inadequate,inadequate,very weak")
        },
        error: "line 4: column 12 (help_and_protection_grade): unknown grade 'very weak'"),
      BadFile(
        name: "unknown authority",
        text: lines { $0[3] = $0[3].replacingOccurrences(of: "80533,nottingham", with: "99999,notingham") },
        error: "line 4: column 2 (local_authority): unknown authority 'notingham'; did you mean Nottingham"),
      BadFile(
        name: "duplicated row", text: lines { $0.insert($0[9], at: 12) },
        error: "line 13: a second row for City of London's inspection published 2019-09-20 (the first is line 10)"),
      BadFile(
        name: "short row",
        text: lines { $0[4] = $0[4].components(separatedBy: ",").dropLast(2).joined(separator: ",") },
        error: "line 5: expected 15 fields as in the header, found 13"),
    ])
  func badRow(_ bad: BadFile) throws {
    let (dir, path) = try Self.write(bad.text)
    let ledger = dir.path + "/l"
    let result = try JourneyProcess.run(["import", "ilacs", path, "--ledger", ledger, "--released", "2026-08-21"])
    #expect(result.status == 1)
    #expect(result.stderr.contains(bad.error), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: ledger + "/segments/0000000000000001.jsonl"), "nothing appended")
  }

  @Test("--skip-bad-rows skips every kind of bad row it reports, short rows and duplicates included, and lists them")
  func skipBadRows() throws {
    let text = Self.lines {
      $0[4] = $0[4].components(separatedBy: ",").dropLast(2).joined(separator: ",")
      $0[3] = $0[3].replacingOccurrences(
        of: "inadequate,inadequate,inadequate", with: "inadequate,inadequate,very weak")
      $0.insert($0[9], at: 12)
    }
    let (dir, path) = try Self.write(text)
    let result = try JourneyProcess.run([
      "import", "ilacs", path, "--ledger", dir.path + "/l", "--released", "2026-08-21", "--skip-bad-rows",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("rows read 15, events appended 11"), "\(result.stderr)")
    #expect(
      result.stderr.contains("skipped line 4: line 4: column 12 (help_and_protection_grade): unknown grade 'very weak'")
    )
    #expect(result.stderr.contains("skipped line 5: line 5: expected 15 fields as in the header, found 13"))
    #expect(result.stderr.contains("skipped line 13: line 13: a second row for City of London's inspection"))
  }

  @Test("a later edition whose grades differ appends a revision known from its --released date")
  func revision() throws {
    let (dir, path) = try Self.write()
    let ledger = dir.path + "/l"
    _ = try JourneyProcess.run(["import", "ilacs", path, "--ledger", ledger, "--released", "2026-08-21"])
    let again = try JourneyProcess.run(["import", "ilacs", path, "--ledger", ledger, "--released", "2026-08-22"])
    #expect(
      again.stderr.contains("events appended 0 (new 0, revisions 0, known earlier 0), unchanged 13"), "\(again.stderr)")
    let later = Self.lines {
      $0[1] = $0[1].replacingOccurrences(of: "outstanding,good,1", with: "outstanding,outstanding,1")
    }
    let laterPath = dir.path + "/later/ofsted_csc_ilacs_history.csv"
    try FileManager.default.createDirectory(atPath: dir.path + "/later", withIntermediateDirectories: true)
    try later.write(toFile: laterPath, atomically: true, encoding: .utf8)
    let revised = try JourneyProcess.run(["import", "ilacs", laterPath, "--ledger", ledger, "--released", "2026-09-01"])
    #expect(
      revised.stderr.contains("events appended 1 (new 0, revisions 1, known earlier 0), unchanged 12"),
      "\(revised.stderr)")
    func careLeavers(knownAt: String) throws -> String? {
      let out = try JourneyProcess.run([
        "history", "--authority", "brighton and hove", "--ledger", ledger, "--known-at", knownAt, "--json",
      ])
      return ((try Self.json(out.stdout)["in_force"] as? [String: Any])?["judgements"] as? [String: String])?[
        "care_leavers"]
    }
    #expect(try careLeavers(knownAt: "2026-08-31") == "Good")
    #expect(try careLeavers(knownAt: "2026-09-01") == "Outstanding")
  }

  @Test("standard input given as '-' imports, cited as stdin")
  func standardInput() throws {
    let dir = TemporaryDirectory()
    let result = try JourneyProcess.run(
      ["import", "ilacs", "-", "--ledger", dir.path + "/l", "--released", "2026-08-21"], stdin: Self.england)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("-: rows read 14, events appended 13"), "\(result.stderr)")
    let log = try JourneyProcess.run(["log", "--authority", "nottingham", "--ledger", dir.path + "/l", "--json"])
    #expect(log.stdout.contains("\"file\":\"stdin\""), "\(log.stdout)")
  }

  @Test("a FIFO imports like a file")
  func fifo() throws {
    let dir = TemporaryDirectory()
    let pipe = dir.path + "/ilacs.csv"
    #expect(mkfifo(pipe, 0o600) == 0)
    let text = Self.england
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: pipe) {
        try? handle.write(contentsOf: Data(text.utf8))
        try? handle.close()
      }
    }
    writer.start()
    let result = try JourneyProcess.run([
      "import", "ilacs", pipe, "--ledger", dir.path + "/l", "--released", "2026-08-21",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("rows read 14, events appended 13"), "\(result.stderr)")
  }

  @Test("a directory or a missing file is a clear error, never a crash")
  func notAFile() throws {
    let dir = TemporaryDirectory()
    for (kind, operand, message) in [
      ("ilacs", dir.path, "it is a directory, not a CSV file"), ("csww", dir.path, "it is a directory, not a CSV file"),
      ("ilacs", dir.path + "/missing.csv", "no such file"),
    ] {
      let result = try JourneyProcess.run([
        "import", kind, operand, "--ledger", dir.path + "/l", "--released", "2026-08-21",
      ])
      #expect(result.status == 1, "\(kind) \(operand)")
      #expect(result.stderr.contains("error: cannot read \(operand): \(message)"), "\(result.stderr)")
      #expect(!result.stderr.contains("Fatal error"))
    }
  }

  @Test("'journey import ilacs --help' shows its own options and examples")
  func help() throws {
    for arguments in [["import", "ilacs", "--help"], ["help", "import", "ilacs"]] {
      let result = try JourneyProcess.run(arguments)
      #expect(result.status == 0)
      #expect(
        result.stdout.contains(
          "Usage: journey import ilacs FILE|- --ledger DIR [--released DATE] [--authority A ...] [--skip-bad-rows]"),
        "\(result.stdout)")
      #expect(result.stdout.contains("--released DATE"))
      #expect(result.stdout.contains("--skip-bad-rows"))
      #expect(
        result.stdout.contains(
          "journey import ilacs examples/data/ofsted_csc_ilacs_history_north_west.csv --ledger /tmp/national"))
    }
    let csww = try JourneyProcess.run(["import", "csww", "--help"])
    #expect(csww.stdout.contains("Usage: journey import csww"), "\(csww.stdout)")
  }
}
