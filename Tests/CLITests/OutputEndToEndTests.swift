import Foundation
import Testing

/// Parses RFC 4180 CSV text into rows of cells (quoted cells, doubled quotes, CRLF).
enum CSVRows {
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          let next = iterator.next()
          if next == "\"" {
            cell.unicodeScalars.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          cell.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(cell)
        cell = ""
      } else if c == "\r" {
        continue
      } else if c == "\n" {
        row.append(cell)
        rows.append(row)
        row = []
        cell = ""
      } else {
        cell.unicodeScalars.append(c)
      }
    }
    if !cell.isEmpty || !row.isEmpty {
      row.append(cell)
      rows.append(row)
    }
    return rows
  }
}

@Suite("Output: every CSV section, typed exports, write errors never lost")
struct OutputEndToEndTests {
  /// Runs `journey` with standard output on `path` (such as /dev/full), returning status and stderr.
  func run(_ arguments: [String], stdoutTo path: String) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: JourneyProcess.executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: JourneyProcess.repositoryRoot)
    var env = ProcessInfo.processInfo.environment
    env["JOURNEY_LEDGER"] = nil
    process.environment = env
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    let error = Pipe()
    process.standardError = error
    try process.run()
    let data = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test(
    "a full disk on standard output is an error, exit 1",
    arguments: [
      ["export", "--format", "csv"], ["state", "--authority", "Trafford"], ["export", "--format", "jsonl"],
    ])
  func fullDisk(_ arguments: [String]) throws {
    let result = try run(arguments, stdoutTo: "/dev/full")
    #expect(result.status == 1)
    #expect(result.stderr == "error: writing standard output: No space left on device\n")
  }

  @Test("a reader that stops early (closed pipe) is not an error")
  func closedPipe() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "\"$0\" export --format csv | head -n 1 >/dev/null", JourneyProcess.executable]
    process.currentDirectoryURL = URL(fileURLWithPath: JourneyProcess.repositoryRoot)
    let error = Pipe()
    process.standardError = error
    try process.run()
    let data = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(String(decoding: data, as: UTF8.self) == "")
  }

  /// The section titles the table output shows (lines followed by a header and a dashed rule).
  func tableTitles(_ arguments: [String]) throws -> [String] {
    let lines = try JourneyProcess.run(arguments).stdout.components(separatedBy: "\n")
    return lines.indices.dropLast(2).filter {
      lines[$0 + 2].hasPrefix("---") && lines[$0].trimmingCharacters(in: .whitespaces) != "" && lines[$0 - 1] == ""
    }
    .map { lines[$0] }
  }

  @Test(
    "--format csv writes every section the table shows, with a section column",
    arguments: [
      ["state", "--authority", "Trafford", "--as-of", "2023-06-30"],
      ["diff", "--authority", "Trafford", "--from", "2022-11-01", "--to", "2023-01-31"],
      ["history", "--authority", "Trafford"],
      ["readiness", "--authority", "Trafford", "--as-of", "2022-10-01"],
    ])
  func csvSections(_ arguments: [String]) throws {
    let result = try JourneyProcess.run(arguments + ["--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = CSVRows.parse(result.stdout)
    let header = try #require(rows.first)
    #expect(header.first == "section")
    #expect(header.last == "note")
    #expect(rows.dropFirst().allSatisfy { $0.count == header.count })
    let sections = Set(rows.dropFirst().map(\.[0]))
    let titles = try tableTitles(arguments)
    #expect(titles.count >= 1)
    for title in titles { #expect(sections.contains(title), "section '\(title)' missing from the CSV") }
    let ledgerRow = rows.first { $0[0] == "heading" && $0.last!.hasPrefix("Ledger: ") }
    #expect(ledgerRow?.last == "Ledger: \(JourneyProcess.repositoryRoot)/examples/ledger")
  }

  @Test("state's CSV holds every table row the table output holds")
  func stateRows() throws {
    let csv = CSVRows.parse(
      try JourneyProcess.run(["state", "--authority", "Trafford", "--as-of", "2023-06-30", "--format", "csv"]).stdout)
    let json =
      try JSONSerialization.jsonObject(
        with: Data(
          try JourneyProcess.run(["state", "--authority", "Trafford", "--as-of", "2023-06-30", "--json"]).stdout.utf8))
      as! [String: Any]
    let figures = (json["latest_figures"] as? [Any])?.count ?? -1
    let monitoring = ((json["monitoring"] as? [String: Any])?["visits"] as? [Any])?.count ?? -1
    let noteColumn = csv[0].count - 1
    func count(_ prefix: String) -> Int { csv.filter { $0[0].hasPrefix(prefix) && $0[noteColumn].isEmpty }.count }
    #expect(count("Latest figures") == figures)
    #expect(count("Monitoring since") == monitoring)
    #expect(figures > 3)
  }

  @Test("export: numbers are JSON numbers, corrections and qualifiers have columns, one row per fact in both formats")
  func exportTypes() throws {
    let jsonl = try JourneyProcess.run(["export", "--format", "jsonl", "--authority", "Trafford"])
    #expect(jsonl.status == 0, "\(jsonl.stderr)")
    let objects = jsonl.stdout.split(separator: "\n").map {
      try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    let measured = objects.filter { !($0["value"] is NSNull) }
    #expect(measured.count > 20)
    #expect(measured.allSatisfy { $0["value"] is NSNumber && !($0["value"] is String) })
    #expect(
      objects.allSatisfy {
        Set($0.keys).isSuperset(of: [
          "qualifier", "value_high", "not_available", "derived", "corrected_from", "corrected_by",
        ])
      })
    let csv = CSVRows.parse(try JourneyProcess.run(["export", "--format", "csv", "--authority", "Trafford"]).stdout)
    #expect(csv.count - 1 == objects.count)
  }

  @Test("export --recorded-before leaves out what the ledger did not yet hold")
  func exportRecordedBefore() throws {
    let before = try JourneyProcess.run(["export", "--format", "jsonl", "--recorded-before", "2000-01-01"])
    #expect(before.status == 0, "\(before.stderr)")
    #expect(before.stdout.isEmpty)
    let all = try JourneyProcess.run(["export", "--format", "jsonl", "--recorded-before", "2999-01-01"])
    #expect(all.stdout.split(separator: "\n").count > 100)
  }

  @Test("export --excel starts the CSV with a UTF-8 byte order mark; without it there is none")
  func excel() throws {
    let excel = try JourneyProcess.run(["export", "--format", "csv", "--excel", "--authority", "Bury"])
    #expect(Array(excel.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let plain = try JourneyProcess.run(["export", "--format", "csv", "--authority", "Bury"])
    #expect(plain.stdout.hasPrefix("id,type,"))
    let refused = try JourneyProcess.run(["export", "--format", "jsonl", "--excel"])
    #expect(refused.status == 64)
  }
}
