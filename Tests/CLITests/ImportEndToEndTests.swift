import EventStore
import Foundation
import JourneyDomain
import Projections
import Testing

@Suite("Importing the real DfE and Ofsted files, end to end", .serialized)
struct ImportEndToEndTests {
  static let data = JourneyProcess.repositoryRoot + "/examples/data/"
  static let csww = data + "csww_indicators_2017_to_2023.csv"
  static let ilacs = data + "ofsted_csc_ilacs_history_north_west.csv"

  /// The rows of the DfE file for one authority: year → column → raw cell (these rows are unquoted).
  static func fileRows(laCode: String) throws -> [Int: [String: String]] {
    let lines = try String(contentsOfFile: csww, encoding: .utf8).split(separator: "\n").map {
      $0.components(separatedBy: ",")
    }
    let header = lines[0]
    var result: [Int: [String: String]] = [:]
    for fields in lines.dropFirst() where fields.count == header.count && fields[7] == laCode {
      result[Int(fields[0])!] = Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
    return result
  }

  static func replay<P: Projection>(_ p: P, ledger: String, knownAt: String? = nil) throws -> P.State {
    try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay, useCheckpoints: false).run(
      p, filter: ReplayFilter(knownAt: knownAt)
    ).state
  }

  @Test("both files import; turnover and agency rates per census year and Trafford's inspections match the files")
  func importsAndAnswers() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/national"
    let a = try JourneyProcess.run(["import", "csww", Self.csww, "--ledger", ledger])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(
      a.stderr.contains(
        "rows read 1137, events appended 25234 (new 25234, revisions 0, known earlier 0), unchanged 0, skipped 0"))
    #expect(
      a.stderr.contains(
        "release date 2024-02-29 (the end of the February after 2023, from the file name csww_indicators_2017_to_2023.csv)"
      ))
    #expect(
      a.stderr.contains(
        "reorganisation: Cumbria (909) 2017–2022, then Cumberland (942) from 2023 and Westmorland and Furness (943) from 2023"
      ))
    let b = try JourneyProcess.run(["import", "ilacs", Self.ilacs, "--ledger", ledger])
    #expect(b.status == 0, "\(b.stderr)")
    #expect(b.stderr.contains("rows read 75, events appended 49"))

    let workforce = try Self.replay(WorkforceStability(), ledger: ledger)
    for (name, code) in [("la:358", "358"), ("la:351", "351")] {
      let rows = try Self.fileRows(laCode: code)
      #expect(rows.count == 7)
      let series = workforce.series(stream: name)
      for (measure, column) in [("turnover_rate", "turnover_rate_fte"), ("agency_rate", "agency_rate_fte")] {
        let points = try #require(series["workforce/\(measure)/dfe_statistics"])
        for (year, row) in rows {
          let point = try #require(points.first { $0.to == "\(year)-09-30" }, "\(name) \(measure) \(year)")
          #expect(point.value == Double(row[column]!), "\(name) \(measure) \(year)")
        }
      }
    }
    let history = try Self.replay(JudgementHistory(), ledger: ledger)
    let trafford = history.inspections(stream: "la:358")
    let fileLines = try String(contentsOfFile: Self.ilacs, encoding: .utf8).split(separator: "\n").filter {
      $0.hasPrefix("80573,")
    }
    let fileGraded = fileLines.map { $0.components(separatedBy: ",") }.filter { !$0[7].isEmpty }
    #expect(trafford.count == fileGraded.count)
    for fields in fileGraded {
      let published = "20" + fields[4].split(separator: "/").reversed().joined(separator: "-")
      let inspection = try #require(trafford.first { $0.published == published }, "Trafford report of \(published)")
      let overall = inspection.judgements["overall_effectiveness"].map {
        $0.lowercased().replacingOccurrences(of: " to be good", with: "")
      }
      #expect(overall == (fields[9] == "not_reported_post_reform" ? nil : fields[9]), "\(published)")
      #expect(inspection.judgements["help_and_protection"]?.lowercased().hasPrefix(fields[11]) == true, "\(published)")
    }
  }

  @Test("imported rows cite their file by a readable title, which journey log lists beside the documents'")
  func importedRowsHaveTitles() throws {
    let log = try JourneyProcess.run([
      "log", "--authority", "Trafford", "--as-of", "2026-12-02", "--known-at", "2026-12-02",
    ])
    let text = log.stdout.replacingOccurrences(of: "\n  ", with: " ")
    #expect(
      text.contains(
        "source csww_indicators_2017_to_2023.csv: DfE, Children's social work workforce statistics, 2017 to 2023"))
    #expect(
      text.contains(
        "source ofsted_csc_ilacs_history_north_west.csv: Ofsted, children's social care inspection outcomes (North West)"
      ))
  }

  @Test("re-import appends nothing; a revised release appends only revisions; --known-at shows both sides")
  func revisions() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/national"
    _ = try JourneyProcess.run(["import", "csww", Self.csww, "--ledger", ledger])
    let again = try JourneyProcess.run(["import", "csww", Self.csww, "--ledger", ledger])
    #expect(again.stderr.contains("events appended 0 (new 0, revisions 0, known earlier 0), unchanged 25234"))

    // A later release in which two values were revised (as DfE revises figures: Bury's 2020 FTE went
    // from 114.5 in the 2022 release to 113.5 in the 2023 one); everything else unchanged.
    var text = try String(contentsOfFile: Self.csww, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = lines[0].components(separatedBy: ",")
    let inpostColumn = header.firstIndex(of: "inpost_fte")!
    let turnoverColumn = header.firstIndex(of: "turnover_rate_fte")!
    var changed = 0
    for i in lines.indices.dropFirst() {
      var f = lines[i].components(separatedBy: ",")
      guard f.count == header.count else { continue }
      if f[0] == "2020" && f[7] == "351" {
        f[inpostColumn] = "112.5"
        changed += 1
      }
      if f[0] == "2022" && f[7] == "358" {
        f[turnoverColumn] = "24.9"
        changed += 1
      }
      lines[i] = f.joined(separator: ",")
    }
    #expect(changed == 2)
    text = lines.joined(separator: "\n")
    let revised = dir.path + "/csww_indicators_2017_to_2024.csv"
    try text.write(toFile: revised, atomically: true, encoding: .utf8)
    let result = try JourneyProcess.run(["import", "csww", revised, "--ledger", ledger, "--released", "2025-02-27"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("events appended 2 (new 0, revisions 2, known earlier 0), unchanged 25232"))

    let before = try Self.replay(WorkforceStability(), ledger: ledger, knownAt: "2025-02-26")
    let after = try Self.replay(WorkforceStability(), ledger: ledger, knownAt: "2025-02-27")
    func turnover(_ s: WorkforceStability.State) -> Double? {
      s.series(stream: "la:358")["workforce/turnover_rate/dfe_statistics"]?.first { $0.to == "2022-09-30" }?.value
    }
    #expect(turnover(before) == 24.6)
    #expect(turnover(after) == 24.9)
    let bury = after.series(stream: "la:351")["workforce/inpost/dfe_statistics"]?.first { $0.to == "2020-09-30" }
    #expect(bury?.value == 112.5)
    let revision = try #require(bury.flatMap { after.facts[id: $0.id] }?.lastChange)
    #expect(revision.by.id == "csww:la:351:2020:inpost_fte@2025-02-27")
    #expect(revision.replaced["value"]?.numberValue == Double(try Self.fileRows(laCode: "351")[2020]!["inpost_fte"]!))
    #expect(revision.by.citation.hasPrefix("csww_indicators_2017_to_2024.csv:"))
    let again2 = try JourneyProcess.run(["import", "csww", revised, "--ledger", ledger, "--released", "2025-02-27"])
    #expect(again2.stderr.contains("events appended 0 (new 0, revisions 0, known earlier 0)"))
  }

  @Test("suppressed values are explicit 'not available' facts, never zeros")
  func suppressed() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/national"
    _ = try JourneyProcess.run(["import", "csww", Self.csww, "--ledger", ledger])
    let state = try Self.replay(WorkforceStability(), ledger: ledger)
    let missing = state.facts.all.filter { $0.data["not_available"] != nil }
    #expect(missing.count >= 128)  // z 67 + x 41 + u 9 + c 8 + low 3 cells, some joint rows counted twice
    #expect(missing.allSatisfy { $0.data["value"] == nil })
    #expect(Set(missing.compactMap { $0.data["not_available"]?["code"]?.stringValue }) == ["c", "x", "z", "u", "low"])
  }

  struct Malformed: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: String
    let edit: @Sendable (String) -> String
    let error: String
    var testDescription: String { name }
  }

  @Test(
    "a malformed file appends nothing and names line and column",
    arguments: [
      Malformed(
        name: "csww: wrong header", kind: "csww", edit: { $0.replacingOccurrences(of: "time_period,", with: "year,") },
        error:
          "line 1: not a layout of the DfE social work workforce indicators file: missing column 'time_period'; columns not recognised: year"
      ),
      Malformed(
        name: "csww: short row", kind: "csww",
        edit: { text in
          var lines = text.components(separatedBy: "\n")
          lines[3] = lines[3].components(separatedBy: ",").dropLast().joined(separator: ",")
          return lines.joined(separator: "\n")
        },
        error: "line 4: expected 32 fields as in the header, found 31"),
      Malformed(
        name: "csww: bad value", kind: "csww",
        edit: { text in
          var lines = text.components(separatedBy: "\n")
          var f = lines[5].components(separatedBy: ",")
          f[16] = "1O.2"
          lines[5] = f.joined(separator: ",")
          return lines.joined(separator: "\n")
        },
        error:
          "line 6: column 17 (turnover_rate_fte): '1O.2' is not a value; expected a number or one of the DfE codes c, x, z, u, low"
      ),
      Malformed(
        name: "csww: unknown authority", kind: "csww",
        edit: { $0.replacingOccurrences(of: ",358,E08000009,", with: ",999,E08000009,") },
        error: "column 8 (old_la_code): unknown authority code '999' (Trafford)"),
      Malformed(
        name: "ilacs: bad date", kind: "ilacs", edit: { $0.replacingOccurrences(of: "26/11/24", with: "2024-11-26") },
        error: "line 2: column 5 (publication_date): '2024-11-26'; expected dd/mm/yy"),
      Malformed(
        name: "ilacs: unterminated quote", kind: "ilacs",
        edit: { $0.replacingOccurrences(of: "cumberland,", with: "\"cumberland,") },
        error: "line 2: column 2: quoted field starting on line 2 is never closed"),
    ])
  func malformed(_ m: Malformed) throws {
    let dir = TemporaryDirectory()
    let source = m.kind == "csww" ? Self.csww : Self.ilacs
    let path = dir.path + "/" + URL(fileURLWithPath: source).lastPathComponent
    try m.edit(try String(contentsOfFile: source, encoding: .utf8)).write(
      toFile: path, atomically: true, encoding: .utf8)
    let result = try JourneyProcess.run(["import", m.kind, path, "--ledger", dir.path + "/l"])
    #expect(result.status == 1)
    #expect(result.stderr.contains(m.error), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/l/segments/0000000000000001.jsonl"))
    if m.kind == "csww" && m.name.contains("bad value") {
      let skipped = try JourneyProcess.run(["import", m.kind, path, "--ledger", dir.path + "/l", "--skip-bad-rows"])
      #expect(skipped.status == 0)
      #expect(skipped.stderr.contains("skipped line 6: line 6: column 17 (turnover_rate_fte)"))
    }
  }
}
