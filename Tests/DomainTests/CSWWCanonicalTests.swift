import EventStore
import Foundation
import Testing

@testable import JourneyDomain

/// The CSWW importer's canonical path writes the same events, byte for byte, as its `DomainEvent`
/// path, and plans, counts, notes and refuses the same rows.
@Suite("CSWW import: canonical events are the DomainEvent path's bytes")
struct CSWWCanonicalTests {
  static let header =
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,inpost_headcount,starters_fte,starters_headcount,leavers_fte,leavers_headcount,turnover_rate_fte,turnover_rate_headcount,agency_fte,agency_headcount,agency_rate_fte,agency_rate_headcount,agency_cover_fte,agency_cover_rate_fte,vacancy_fte,vacancy_rate_fte,vacancy_agency_cover_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte,absence_rate_fte"

  /// A row of the current layout: `geography` is the ten leading cells, `values` the 22 figures.
  static func row(_ year: Int, _ geography: String, _ values: [String]) -> String {
    "\(year),Reporting year,\(geography)," + values.joined(separator: ",")
  }

  static let england = "National,E92000001,England,,,,,"
  static let northWest = "Regional,E92000001,England,E12000002,North West,,,"
  static let trafford = "Local authority,E92000001,England,E12000002,North West,358,E08000009,Trafford"
  static let kingston = "Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames"
  static let richmond = "Local authority,E92000001,England,E13000002,Outer London,318,E09000027,Richmond upon Thames"
  static let jointNorthants =
    "Local authority,E92000001,England,E12000004,East Midlands,940 / 941,E06000061 / E06000062,North Northamptonshire / West Northamptonshire"

  static let numbers = (0..<22).map { ["33119.1", "35199", "0", "0.5", "15.90", "1e3", " 17 ", "007"][$0 % 8] }
  static let codes = (0..<22).map { ["c", "x", "z", "u", "low", "[c]", "LOW", ":", "..", "k", " z "][$0 % 11] }
  static let allZ = [String](repeating: "z", count: 22)

  /// A file of every kind of row: numbers in several spellings, every missing-value code, a
  /// joint return, a pair of which one row is `z` throughout, England and a region.
  static let good =
    [
      header,
      row(2023, england, numbers), row(2023, northWest, codes), row(2023, trafford, numbers),
      row(2022, trafford, codes), row(2023, jointNorthants, numbers), row(2019, kingston, numbers),
      row(2019, richmond, allZ), row(2018, kingston, codes), row(2018, richmond, numbers),
    ].joined(separator: "\n") + "\n"

  /// Rows the importer refuses: a qualified figure, a range, a duplicate, a bad year, an unknown code.
  static let bad =
    [
      header,
      row(2023, trafford, numbers), row(2022, trafford, ["at least 5"] + numbers.dropFirst()),
      row(2021, trafford, Array(numbers.dropLast()) + ["10-20"]), row(2023, trafford, codes),
      row(2020, trafford, ["-1"] + numbers.dropFirst()), row(1800, trafford, numbers), row(2021, england, numbers),
      row(2020, "Local authority,E92000001,England,E12000002,North West,999,E0,Nowhere", numbers),
    ].joined(separator: "\n") + "\n"

  /// Writes `text` to a file named `name` in a fresh directory and returns its path.
  static func file(_ text: String, name: String = "csww_indicators_2017_to_2023.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csww-canonical-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// What one path planned: the events, or the error, and the plan's counts and lists.
  struct Outcome: Equatable {
    var events: [CanonicalEvent] = []
    var error: String? = nil
    var summary = ""
    var notes: [String] = []
    var skipped: [String] = []

    init(_ body: (@escaping (CanonicalEvent) -> Void) throws(DomainError) -> ImportPlan) {
      final class Box: @unchecked Sendable { var events: [CanonicalEvent] = [] }
      let box = Box()
      do {
        let plan = try body { box.events.append($0) }
        summary = plan.summary
        notes = plan.notes
        skipped = plan.skipped.map { "\($0.line): \($0.reason)" }
      } catch { self.error = error.description }
      events = box.events
    }
  }

  /// The outcome of both paths for the file `text`.
  static func both(
    _ text: String, name: String = "csww_indicators_2017_to_2023.csv", policy: BadRowPolicy,
    current: @escaping (String) -> KnownFact? = { _ in nil }
  ) throws -> (old: Outcome, new: Outcome) {
    let importer = CSWWImporter(
      path: try file(text, name: name), released: try Day(iso: "2024-02-29"), policy: policy)
    let old = Outcome { (sink) throws(DomainError) in
      try importer.plan(current: current, deliver: { sink(CanonicalEvent($0.newEvent)) })
    }
    let new = Outcome { (sink) throws(DomainError) in try importer.plan(current: current, canonical: sink) }
    return (old, new)
  }

  @Test("every kind of good row gives the same events, notes and summary")
  func goodRows() throws {
    let (old, new) = try CSWWCanonicalTests.both(CSWWCanonicalTests.good, policy: .stop)
    #expect(old.error == nil)
    #expect(old.events.count == 9 * 22 + 22)  // the joint return is recorded for both authorities
    #expect(new == old)
  }

  @Test("a file name and title that need escaping are cited the same way")
  func escapedFileName() throws {
    let (old, new) = try CSWWCanonicalTests.both(
      CSWWCanonicalTests.good, name: "csww \"quoted\" \\ é_2017_to_2023.csv", policy: .stop)
    #expect(old.events.count > 0)
    #expect(new == old)
  }

  @Test("bad rows are refused with the same message, or skipped the same way", arguments: [BadRowPolicy.stop, .skip])
  func badRows(policy: BadRowPolicy) throws {
    let (old, new) = try CSWWCanonicalTests.both(CSWWCanonicalTests.bad, policy: policy)
    #expect(new == old)
    if policy == .stop {
      #expect(old.error?.contains("line 3") == true)
      #expect(old.error?.contains("'at least 5' is not a value") == true)
    } else {
      #expect(old.skipped.count == 6)
      #expect(
        old.skipped.contains { $0.contains("duplicates line 2: both state Trafford's inpost for as at 2023-09-30") },
        "\(old.skipped)")
    }
  }

  @Test("a fact the ledger holds goes through the comparison: unchanged, revised or conflicting")
  func heldFacts() throws {
    let released = try Day(iso: "2024-02-29")
    let importer = CSWWImporter(path: try CSWWCanonicalTests.file(CSWWCanonicalTests.good), released: released)
    var stated: [String: JSON] = [:]
    _ = try importer.plan(current: { _ in nil }, deliver: { stated[$0.id] = $0.data })
    let ids = stated.keys.sorted()
    var held: [String: KnownFact] = [:]
    for (n, id) in ids.enumerated() where n % 3 != 2 {
      let data: JSON = n % 3 == 0 ? stated[id]! : ["value": 1]
      held[id] = KnownFact(steps: [(known: "2023-02-28", data: data)], claimIDs: [id])
    }
    let (old, new) = try CSWWCanonicalTests.both(CSWWCanonicalTests.good, policy: .stop, current: { held[$0] })
    #expect(old.error == nil)
    #expect(old.summary.contains("unchanged \(ids.count / 3 + (ids.count % 3 > 0 ? 1 : 0))"))
    #expect(new == old)
    let sameDay = held.mapValues {
      KnownFact(steps: [(known: "2024-02-29", data: ["value": 1])], claimIDs: $0.claimIDs)
    }
    let conflict = try CSWWCanonicalTests.both(CSWWCanonicalTests.good, policy: .skip, current: { sameDay[$0] })
    #expect(!conflict.old.skipped.isEmpty)
    #expect(conflict.new == conflict.old)
  }

  @Test("the writer's decimal line numbers", arguments: [0, 1, 9, 10, 99, 100, 1234, 1_000_000])
  func decimals(n: Int) {
    var out: [UInt8] = []
    CSWWFactWriter.writeDecimal(n, into: &out)
    #expect(String(decoding: out, as: UTF8.self) == String(n))
  }
}

/// Cells copied as numbers are exactly what `JSON.write(into:)` writes for their value.
@Suite("CSWW import: numbers copied from the file are canonical")
struct CSWWCanonicalNumberTests {
  static func written(_ text: String) -> String? {
    guard let n = Double(text) else { return nil }
    var out: [UInt8] = []
    JSON.number(n).write(into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  @Test(
    "texts taken as canonical write as themselves; others are left to the tree",
    arguments: [
      ("0", true), ("7", true), ("35199", true), ("999999999", true), ("1000000000", false), ("007", false),
      ("15.9", true), ("15.90", false), ("0.5", true), ("0.05", true), ("0.001", true), ("0.0015", true),
      ("0.0001", false), ("12.", false), (".5", false), ("1e3", false), ("-1", false), ("+1", false), ("", false),
      ("123456789.123456", true), ("123456789.1234567", false), ("0.123456789012345", true),
      ("0.1234567890123456", false), ("1 ", false), ("0x1A", false), ("inf", false), ("1.2.3", false),
    ])
  func table(text: String, canonical: Bool) {
    #expect(CSWWFactWriter.isCanonicalNumber(text) == canonical)
    if canonical { #expect(CSWWCanonicalNumberTests.written(text) == text) }
  }

  @Test("random figures of up to 15 digits between 0.001 and 1e9")
  func random() {
    var generator = SystemRandomNumberGenerator()
    var checked = 0
    for _ in 0..<20_000 {
      let integer = Int.random(in: 0..<1_000_000_000, using: &generator) >> Int.random(in: 0...29, using: &generator)
      let places = Int.random(in: 0...8, using: &generator)
      var text = String(integer)
      if places > 0 {
        let fraction = String(Int.random(in: 0..<Int(pow(10, Double(places))), using: &generator))
        text += "." + String(repeating: "0", count: places - fraction.count) + fraction
      }
      guard CSWWFactWriter.isCanonicalNumber(text) else { continue }
      checked += 1
      #expect(CSWWCanonicalNumberTests.written(text) == text)
    }
    #expect(checked > 5_000)
  }
}
