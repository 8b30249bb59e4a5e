import EventStore
import Foundation
import JourneyDomain
import Testing

/// One row of `examples/sources/parts.tsv`: a part of a source document, its lines and its date.
struct SourcePart: Sendable, Equatable {
  var file: String
  var firstLine: Int
  var lastLine: Int
  var date: String
  var title: String

  func contains(_ first: Int, _ last: Int) -> Bool { firstLine <= first && last <= lastLine }
}

/// Reads and checks `parts.tsv` and `documents.tsv`, the tables that say which part of which
/// document an event's lines come from, and so the date the fact became known.
enum SourceTables {
  static let partsHeader = "file\tfirst_line\tlast_line\tdate\ttitle"
  static let documentsHeader = "file\tdate\ttitle"

  /// The parts of `text` (a parts.tsv), or the first problem, naming the row (1-based, header is
  /// row 1) and the column.
  ///
  /// `lineCounts` gives each known document's number of lines.
  static func parts(_ text: String, lineCounts: [String: Int]) -> Result<[SourcePart], SourceTableError> {
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard rows.first == partsHeader else { return .failure(SourceTableError(row: 1, "header must be: \(partsHeader)")) }
    var parts: [SourcePart] = []
    for (index, row) in rows.enumerated().dropFirst() where !(index == rows.count - 1 && row.isEmpty) {
      let number = index + 1
      let cells = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cells.count == 5 else {
        return .failure(SourceTableError(row: number, "expected 5 tab-separated cells, got \(cells.count)"))
      }
      guard let total = lineCounts[cells[0]] else {
        return .failure(SourceTableError(row: number, "file: no document \(cells[0]) in examples/sources"))
      }
      guard let first = Int(cells[1]), first >= 1 else {
        return .failure(SourceTableError(row: number, "first_line: expected a line number, got '\(cells[1])'"))
      }
      guard let last = Int(cells[2]), last >= first, last <= total else {
        return .failure(
          SourceTableError(row: number, "last_line: expected a line from \(first) to \(total), got '\(cells[2])'"))
      }
      guard (try? Day(iso: cells[3])) != nil else {
        return .failure(SourceTableError(row: number, "date: expected YYYY-MM-DD, got '\(cells[3])'"))
      }
      guard !cells[4].trimmingCharacters(in: .whitespaces).isEmpty else {
        return .failure(SourceTableError(row: number, "title: empty"))
      }
      let part = SourcePart(file: cells[0], firstLine: first, lastLine: last, date: cells[3], title: cells[4])
      if let previous = parts.last, previous.file == part.file, part.firstLine <= previous.lastLine {
        return .failure(
          SourceTableError(
            row: number,
            "first_line: overlaps or precedes the part above (lines \(previous.firstLine)-\(previous.lastLine))"))
      }
      if let previous = parts.last, previous.file != part.file, parts.contains(where: { $0.file == part.file }) {
        return .failure(SourceTableError(row: number, "file: rows of \(part.file) must be grouped together"))
      }
      parts.append(part)
    }
    return .success(parts)
  }

  /// Document file → title, from documents.tsv.
  static func documentTitles(_ text: String) -> [String: String] {
    let rows = text.split(separator: "\n").dropFirst().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    return Dictionary(uniqueKeysWithValues: rows.filter { $0.count == 3 }.map { ($0[0], $0[2]) })
  }
}

/// A problem in a source table, at a row.
struct SourceTableError: Error, Equatable, CustomStringConvertible {
  var row: Int
  var message: String
  init(row: Int, _ message: String) {
    self.row = row
    self.message = message
  }
  var description: String { "row \(row), \(message)" }
}

/// A malformed parts table and the error it must get.
struct PartsTableCase: Sendable, CustomTestStringConvertible {
  let name: String
  let rows: [String]
  let error: String?
  var testDescription: String { name }
}

/// The sample ledger against the parts of its documents.
///
/// Every document in examples/sources must have rows in parts.tsv: a file with no rows fails
/// ("has no rows"), so a new document cannot slip in with its facts dated by the pack. Every
/// event's cited lines must lie inside one part; its `reported` date must be that part's date
/// (a `sources_disagree` event: the latest `reported` date of its claims, since a conflict is
/// known once its later claim is); its `source.title` and `source.part` must be the document's and
/// the part's titles. `examples/sources/fill-source-parts.py` sets all three from the tables.
@Suite("The sample ledger's events against the parts of their documents")
struct SampleLedgerPartsTests {
  static let sources = repositoryRoot + "/examples/sources/"
  static let documents: [String] = try! FileManager.default.contentsOfDirectory(atPath: sources).filter {
    $0.hasSuffix(".txt")
  }.sorted()
  static let documentLines: [String: [Substring]] = Dictionary(
    uniqueKeysWithValues: documents.map { name in
      (
        name,
        try! String(contentsOfFile: sources + name, encoding: .utf8).split(
          separator: "\n", omittingEmptySubsequences: false)
      )
    })
  static let lineCounts = documentLines.mapValues { lines in lines.last == "" ? lines.count - 1 : lines.count }
  static let partsText = try! String(contentsOfFile: sources + "parts.tsv", encoding: .utf8)
  static let titles = SourceTables.documentTitles(
    try! String(contentsOfFile: sources + "documents.tsv", encoding: .utf8))
  static var events: [DomainEvent] { SampleLedgerSourceTests.events }

  static let malformed: [PartsTableCase] = [
    PartsTableCase(
      name: "well formed", rows: ["a.txt\t1\t5\t2022-07-05\tAgenda", "a.txt\t6\t10\t2022-02-09\tMinutes"], error: nil),
    PartsTableCase(
      name: "wrong header", rows: [], error: "row 1, header must be: file\tfirst_line\tlast_line\tdate\ttitle"),
    PartsTableCase(
      name: "four cells", rows: ["a.txt\t1\t5\t2022-07-05"], error: "row 2, expected 5 tab-separated cells, got 4"),
    PartsTableCase(
      name: "unknown document", rows: ["b.txt\t1\t5\t2022-07-05\tAgenda"],
      error: "row 2, file: no document b.txt in examples/sources"),
    PartsTableCase(
      name: "last before first", rows: ["a.txt\t5\t4\t2022-07-05\tAgenda"],
      error: "row 2, last_line: expected a line from 5 to 10, got '4'"),
    PartsTableCase(
      name: "past the end", rows: ["a.txt\t1\t11\t2022-07-05\tAgenda"],
      error: "row 2, last_line: expected a line from 1 to 10, got '11'"),
    PartsTableCase(
      name: "bad date", rows: ["a.txt\t1\t5\tJuly 2022\tAgenda"],
      error: "row 2, date: expected YYYY-MM-DD, got 'July 2022'"),
    PartsTableCase(name: "empty title", rows: ["a.txt\t1\t5\t2022-07-05\t "], error: "row 2, title: empty"),
    PartsTableCase(
      name: "overlap", rows: ["a.txt\t1\t5\t2022-07-05\tAgenda", "a.txt\t5\t10\t2022-02-09\tMinutes"],
      error: "row 3, first_line: overlaps or precedes the part above (lines 1-5)"),
    PartsTableCase(
      name: "not grouped",
      rows: [
        "a.txt\t1\t5\t2022-07-05\tAgenda", "c.txt\t1\t2\t2022-07-05\tLetter", "a.txt\t6\t10\t2022-02-09\tMinutes",
      ],
      error: "row 4, file: rows of a.txt must be grouped together"),
  ]

  @Test("a malformed parts table is refused, naming the row and column", arguments: malformed)
  func malformedTable(_ c: PartsTableCase) {
    let text =
      (c.name == "wrong header" ? "file\tfirst\tlast\tdate\ttitle" : SourceTables.partsHeader) + "\n"
      + c.rows.joined(separator: "\n") + "\n"
    switch SourceTables.parts(text, lineCounts: ["a.txt": 10, "c.txt": 2]) {
    case .success: #expect(c.error == nil)
    case .failure(let error): #expect(error.description == c.error)
    }
  }

  @Test("parts.tsv is well formed, and every document has parts and a title")
  func table() throws {
    let parts = try SourceTables.parts(Self.partsText, lineCounts: Self.lineCounts).get()
    for document in Self.documents {
      #expect(parts.contains { $0.file == document }, "\(document) has no rows in parts.tsv")
      #expect(Self.titles[document]?.isEmpty == false, "\(document) has no title in documents.tsv")
    }
  }

  @Test("every event's lines fall in one part; its reported date, title and part are that part's")
  func eventsInParts() throws {
    let parts = try SourceTables.parts(Self.partsText, lineCounts: Self.lineCounts).get()
    let byID = Dictionary(uniqueKeysWithValues: Self.events.map { ($0.id, $0) })
    for event in Self.events {
      let source = try #require(event.source, "\(event.id) has no source")
      let file = source["file"]?.stringValue ?? ""
      let lines = (source["lines"]?.stringValue ?? "").split(separator: "-").compactMap { Int($0) }
      guard let part = parts.first(where: { $0.file == file && $0.contains(lines.first ?? 0, lines.last ?? 0) }) else {
        Issue.record(
          "\(event.id): lines \(source["lines"]?.stringValue ?? "?") of \(file) fall in no part of parts.tsv")
        continue
      }
      if event.type == "sources_disagree" {
        let claims = (event.data["events"]?.arrayValue ?? []).compactMap {
          $0.stringValue.flatMap { byID[$0]?.reported.iso }
        }
        #expect(
          event.reported.iso == claims.max(),
          "\(event.id): a conflict is known from its later claim (\(claims.max() ?? "?"))")
      } else {
        #expect(
          event.reported.iso == part.date,
          "\(event.id): reported \(event.reported.iso), but \(file):\(part.firstLine)-\(part.lastLine) (\(part.title)) is dated \(part.date)"
        )
      }
      #expect(
        source["title"]?.stringValue == Self.titles[file],
        "\(event.id): source.title is not the title of \(file) in documents.tsv")
      #expect(source["part"]?.stringValue == part.title, "\(event.id): source.part should be '\(part.title)'")
    }
  }

  /// The fields that name which fact an event states, by type (beside its file and lines).
  static let keyFields: [String: [String]] = [
    "ilacs_inspection": ["fieldwork_start"], "monitoring_visit": ["fieldwork_start"],
    "focused_visit": ["fieldwork_start"],
    "jtai": ["fieldwork_start"], "send_area_inspection": ["fieldwork_start"], "annual_engagement_meeting": ["date"],
    "visit_scheduled": ["visit_kind", "planned"], "visit_cancelled": ["visit_kind", "planned"],
    "dfe_review": ["review_kind", "period"],
    "intervention": ["action", "instrument", "date"], "workforce_figure": ["measure", "period", "scope", "basis"],
    "audit_result": ["theme", "measure", "period"], "performance_indicator": ["metric", "period", "scope"],
    "plan_milestone": ["milestone", "date"], "correction": ["target", "fields"], "retraction": ["target"],
    "sources_disagree": ["events"],
  ]

  /// Pairs of events that state the same fact from the same passage: same file, lines, authority,
  /// type and key fields.
  static func duplicates(_ events: [DomainEvent]) -> [(String, String)] {
    var seen: [String: String] = [:]
    var found: [(String, String)] = []
    for event in events {
      let fields = keyFields[event.type] ?? ["(unknown type)"]
      let key =
        ([
          event.source?["file"]?.stringValue ?? "", event.source?["lines"]?.stringValue ?? "", event.authority.name,
          event.type,
        ]
        + fields.map { event.data[$0]?.serialized() ?? "-" }).joined(separator: "|")
      if let other = seen[key] { found.append((other, event.id)) }
      seen[key] = event.id
    }
    return found
  }

  @Test("no two events state the same fact from the same passage")
  func noDuplicates() {
    #expect(Set(Self.events.map(\.type)).isSubset(of: Set(Self.keyFields.keys)))
    for (first, second) in Self.duplicates(Self.events) {
      Issue.record("\(first) and \(second) state the same fact from the same lines")
    }
  }

  @Test("the duplicate check finds a duplicate, and not two facts of one passage")
  func duplicateDetected() throws {
    let line =
      #"{"id":"ID","type":"performance_indicator","authority":"Trafford","reported":"2022-07-05","source":{"file":"f.txt","lines":"3","quote":"q"},"data":{"metric":"METRIC","value":23,"unit":"percent","period":"2022-04"}}"#
    func event(_ id: String, _ metric: String) -> String {
      line.replacingOccurrences(of: "ID", with: id).replacingOccurrences(of: "METRIC", with: metric)
    }
    let events = try EventLine.parseBatch(
      [event("a", "re_referrals"), event("b", "re_referrals"), event("c", "cp_plans")].joined(separator: "\n"))
    #expect(Self.duplicates(events).map { [$0.0, $0.1] } == [["a", "b"]])
  }
}
