import EventStore
import Foundation

/// Imports the DfE "children's social work workforce" indicators file
/// (`csww_indicators_YYYY_to_YYYY.csv`) as workforce-figure events.
///
/// Each row (England, a region or an authority) and each value column becomes one fact with the
/// census date (30 September of `time_period`) as valid time for stocks and rates, and the year to
/// that date for flows (starters, leavers, days lost). Suppressed and unavailable values become
/// explicit `not_available` facts with the DfE code and its meaning. Ids are deterministic
/// (`csww:la:358:2022:turnover_rate_fte`), so re-importing a file appends nothing, and importing a
/// later release appends a correction for each value that changed and nothing else.
public struct CSWWImporter {
  /// One value column: the measure it holds and how.
  struct Column {
    var name: String
    var measure: String
    var unit: String
    var basis: String?
    var flow: Bool
  }

  static let columns: [Column] = [
    Column(name: "inpost_fte", measure: "inpost", unit: "fte", basis: "fte", flow: false),
    Column(name: "inpost_headcount", measure: "inpost", unit: "headcount", basis: "headcount", flow: false),
    Column(name: "starters_fte", measure: "starters", unit: "fte", basis: "fte", flow: true),
    Column(name: "starters_headcount", measure: "starters", unit: "headcount", basis: "headcount", flow: true),
    Column(name: "leavers_fte", measure: "leavers", unit: "fte", basis: "fte", flow: true),
    Column(name: "leavers_headcount", measure: "leavers", unit: "headcount", basis: "headcount", flow: true),
    Column(name: "turnover_rate_fte", measure: "turnover_rate", unit: "percent", basis: "fte", flow: false),
    Column(name: "turnover_rate_headcount", measure: "turnover_rate", unit: "percent", basis: "headcount", flow: false),
    Column(name: "agency_fte", measure: "agency_workers", unit: "fte", basis: "fte", flow: false),
    Column(name: "agency_headcount", measure: "agency_workers", unit: "headcount", basis: "headcount", flow: false),
    Column(name: "agency_rate_fte", measure: "agency_rate", unit: "percent", basis: "fte", flow: false),
    Column(name: "agency_rate_headcount", measure: "agency_rate", unit: "percent", basis: "headcount", flow: false),
    Column(name: "agency_cover_fte", measure: "agency_cover", unit: "fte", basis: "fte", flow: false),
    Column(name: "agency_cover_rate_fte", measure: "agency_cover_rate", unit: "percent", basis: "fte", flow: false),
    Column(name: "vacancy_fte", measure: "vacancies", unit: "fte", basis: "fte", flow: false),
    Column(name: "vacancy_rate_fte", measure: "vacancy_rate", unit: "percent", basis: "fte", flow: false),
    Column(name: "vacancy_agency_cover_rate_fte", measure: "vacancy_agency_cover_rate", unit: "percent", basis: "fte", flow: false),
    Column(name: "case_holders_fte", measure: "case_holders", unit: "fte", basis: "fte", flow: false),
    Column(name: "cases", measure: "cases", unit: "count", basis: nil, flow: false),
    Column(name: "caseload_fte", measure: "caseload", unit: "cases_per_worker", basis: "fte", flow: false),
    Column(name: "working_days_lost_fte", measure: "working_days_lost", unit: "days", basis: "fte", flow: true),
    Column(name: "absence_rate_fte", measure: "absence_rate", unit: "percent", basis: "fte", flow: false),
  ]

  /// Earlier releases named some columns differently.
  static let renamed = ["leaver_fte": "leavers_fte", "leaver_headcount": "leavers_headcount"]

  static let geography = ["time_period", "geographic_level", "region_code", "region_name", "old_la_code", "new_la_code", "la_name"]

  /// The DfE's symbols for missing values and what they mean.
  public static let missingCodes = [
    "c": "confidential data which has been suppressed", "x": "data is unavailable for other reason(s)",
    "z": "observation is not applicable", "u": "observation is of low reliability",
    "low": "rounds to 0 but is not 0", "k": "rounds to 0 but is not 0", ":": "not available", "..": "not available",
  ]

  public let path: String
  /// The file's name, as cited in provenance.
  let fileName: String
  /// The release date of the file: the reported date of its facts.
  public let released: Day
  /// `released` as `YYYY-MM-DD`, formatted once.
  let releasedISO: String
  public let registry: AuthorityRegistry
  public var policy = BadRowPolicy.stop

  public init(path: String, released: Day, registry: AuthorityRegistry = .shared, policy: BadRowPolicy = .stop) {
    self.path = path
    fileName = URL(fileURLWithPath: path).lastPathComponent
    self.released = released
    releasedISO = released.iso
    self.registry = registry
    self.policy = policy
  }

  /// The release date DfE's timetable implies for a file covering up to `lastYear`: the end of
  /// the following February (the statistics are published each February).
  public static func defaultRelease(lastYear: Int) -> Day {
    try! Day(year: lastYear + 1, month: 2, day: Day.length(ofMonth: 2, year: lastYear + 1))
  }

  /// Reads the file and plans what to append.
  ///
  /// - Parameters:
  ///   - current: the ledger's current payload for an id, corrections applied (nil when absent).
  ///   - progress: called now and then with the rows read.
  /// - Throws: `DomainError` naming the line, column and expected form (policy `.stop`).
  public func plan(
    current: (String) -> JSON?, progress: (Int) -> Void = { _ in }, deliver: @escaping (DomainEvent) -> Void = { _ in }
  ) throws(DomainError) -> ImportPlan {
    var reader: CSVReader
    do { reader = try CSVReader(path: path) } catch { throw DomainError(.unreadableFile, "cannot read \(path)") }
    let header = try readHeader(&reader)
    var plan = ImportPlan(deliver: deliver)
    var seen: [String: ClosedRange<Int>] = [:]
    while let row = try nextRow(&reader, header: header) {
      plan.rowsRead += 1
      if plan.rowsRead % 4096 == 0 { progress(plan.rowsRead) }
      do {
        try importRow(row, header: header, into: &plan, current: current, seen: &seen)
      } catch {
        guard policy == .skip else { throw error }
        plan.skipped.append((row.line, error.description))
      }
    }
    plan.notes += reorganisationNotes(seen)
    return plan
  }

  private func readHeader(_ reader: inout CSVReader) throws(DomainError) -> CSVHeaderMap {
    guard let row = try nextRow(&reader, header: nil) else { throw DomainError(.malformedInput, "the file is empty; expected a header line", line: 1) }
    let names = row.fields.map { CSWWImporter.renamed[$0] ?? $0 }
    let header = CSVHeaderMap(names: names)
    for name in CSWWImporter.geography where header.index[name] == nil {
      throw DomainError(.missingField, "missing column '\(name)'; is this a DfE social work workforce indicators file?", line: 1)
    }
    guard CSWWImporter.columns.contains(where: { header.index[$0.name] != nil }) else {
      throw DomainError(.missingField, "no value columns (inpost_fte, turnover_rate_fte, …) in the header", line: 1)
    }
    return header
  }

  private func nextRow(_ reader: inout CSVReader, header: CSVHeaderMap?) throws(DomainError) -> CSVRow? {
    let row: CSVRow?
    do { row = try reader.next() } catch { throw DomainError(.malformedInput, "column \(error.column): \(error.message)", line: error.line) }
    if let row, let header, row.fields.count != header.names.count {
      throw DomainError(.malformedInput, "expected \(header.names.count) fields as in the header, found \(row.fields.count)", line: row.line)
    }
    return row
  }

  /// The streams a row belongs to, with a scope for joint returns.
  private func targets(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> [(Authority, String?)] {
    switch h.value(row, "geographic_level") {
    case "National": return [(registry.england, nil)]
    case "Regional":
      let code = h.value(row, "region_code")
      guard let region = registry.authority(stream: "region:" + code) else {
        throw DomainError(.unknownAuthority, "column \(h.column("region_code")) (region_code): unknown region '\(code)'", line: row.line)
      }
      return [(region, nil)]
    case "Local authority":
      let codes = h.value(row, "old_la_code").components(separatedBy: " / ")
      let joint = codes.count > 1 ? "joint return: " + h.value(row, "la_name") : nil
      var found: [(Authority, String?)] = []
      for code in codes {
        guard let authority = registry.authority(dfeNumber: code.trimmingSpaces) else {
          throw DomainError(
            .unknownAuthority, "column \(h.column("old_la_code")) (old_la_code): unknown authority code '\(code)' (\(h.value(row, "la_name")))",
            line: row.line, hint: "the authority list comes from the DfE file; see 'journey authorities'")
        }
        found.append((authority, joint))
      }
      return found
    case let level:
      throw DomainError(
        "column \(h.column("geographic_level")) (geographic_level): '\(level)'; expected National, Regional or Local authority",
        line: row.line)
    }
  }

  private func importRow(
    _ row: CSVRow, header h: CSVHeaderMap, into plan: inout ImportPlan, current: (String) -> JSON?,
    seen: inout [String: ClosedRange<Int>]
  ) throws(DomainError) {
    let yearText = h.value(row, "time_period")
    guard let year = Int(yearText), year > Day.supportedYears.lowerBound, year <= Day.supportedYears.upperBound else {
      throw DomainError("column \(h.column("time_period")) (time_period): '\(yearText)'; expected a year like 2023", line: row.line)
    }
    var values: [(Column, JSON)] = []
    for column in CSWWImporter.columns {
      guard let index = h.index[column.name] else { continue }
      values.append((column, try value(row.fields[index], column: column, at: row.line, position: index + 1)))
    }
    let revisionReason = "revised in the release of \(releasedISO)"
    for (authority, scope) in try targets(row, h) {
      if authority.kind == .localAuthority { seen[authority.dfeNumber] = (seen[authority.dfeNumber].map { min($0.lowerBound, year)...max($0.upperBound, year) }) ?? year...year }
      if scope != nil, !plan.notes.contains(where: { $0.hasPrefix("joint return") && $0.contains(h.value(row, "la_name")) }) {
        plan.notes.append("joint return \(h.value(row, "old_la_code")) (\(h.value(row, "la_name"))): recorded for each authority with scope 'joint return'")
      }
      for (column, figure) in values {
        let event = fact(authority: authority, scope: scope, year: year, column: column, figure: figure, line: row.line, raw: row.fields[h.index[column.name]!])
        plan.offer(event, comparing: ["value", "not_available"], current: current(event.id), released: released, reason: revisionReason)
      }
    }
  }

  /// A cell: a number, or a DfE missing-value code.
  private func value(_ cell: String, column: Column, at line: Int, position: Int) throws(DomainError) -> JSON {
    let text = cell.trimmingSpaces
    if let number = Double(text), number.isFinite, number >= 0, number < 1e9 { return .number(number) }
    let code = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if let meaning = CSWWImporter.missingCodes[code] { return ["code": .string(code), "reason": .string(meaning)] }
    throw DomainError(
      "column \(position) (\(column.name)): '\(cell)' is not a value; expected a number or one of the DfE codes c, x, z, u, low",
      line: line)
  }

  private func fact(authority: Authority, scope: String?, year: Int, column: Column, figure: JSON, line: Int, raw: String) -> DomainEvent {
    let census = try! Day(year: year, month: 9, day: 30)
    let period = column.flow ? "\(year - 1)-10-01..\(census.iso)" : "as at \(census.iso)"
    var data: [String: JSON] = [
      "measure": .string(column.measure), "unit": .string(column.unit), "period": .string(period), "source_kind": "dfe_statistics",
    ]
    if case .number = figure { data["value"] = figure } else { data["not_available"] = figure }
    data["basis"] = column.basis.map(JSON.string)
    data["scope"] = scope.map(JSON.string)
    let from = column.flow ? try! Day(year: year - 1, month: 10, day: 1) : census
    let source: JSON = [
      "file": .string(fileName), "lines": .string(String(line)), "quote": .string(raw),
      "column": .string(column.name), "kind": "dfe_statistics", "release": .string(releasedISO),
    ]
    return DomainEvent(
      id: "csww:\(authority.stream):\(year):\(column.name)" + (scope == nil ? "" : ":joint"), type: "workforce_figure",
      authority: authority, reported: released, source: source, data: .object(data),
      valid: ValidTime(from: from.iso, to: census.iso))
  }

  /// Says which reorganised authorities the file covers and how they were mapped.
  private func reorganisationNotes(_ seen: [String: ClosedRange<Int>]) -> [String] {
    registry.all.filter { !$0.successors.isEmpty && seen[$0.dfeNumber] != nil }.map { old in
      let years = seen[old.dfeNumber]!
      let next = old.successors.compactMap { code in registry.all.first { $0.dfeNumber == code } }
        .map { "\($0.name) (\($0.dfeNumber)) from \(seen[$0.dfeNumber]?.lowerBound.description ?? "?")" }
      return "reorganisation: \(old.name) (\(old.dfeNumber)) \(years.lowerBound)–\(years.upperBound), then \(next.joined(separator: " and ")); each kept under its own code"
    }
  }
}
