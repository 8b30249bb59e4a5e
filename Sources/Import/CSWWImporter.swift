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
    Column(
      name: "vacancy_agency_cover_rate_fte", measure: "vacancy_agency_cover_rate", unit: "percent", basis: "fte",
      flow: false),
    Column(name: "case_holders_fte", measure: "case_holders", unit: "fte", basis: "fte", flow: false),
    Column(name: "cases", measure: "cases", unit: "count", basis: nil, flow: false),
    Column(name: "caseload_fte", measure: "caseload", unit: "cases_per_worker", basis: "fte", flow: false),
    Column(name: "working_days_lost_fte", measure: "working_days_lost", unit: "days", basis: "fte", flow: true),
    Column(name: "absence_rate_fte", measure: "absence_rate", unit: "percent", basis: "fte", flow: false),
  ]

  /// Column names of other releases, mapped to the current ones: `leaver_fte` before 2023, and the
  /// headline layout of the 2022 publication (`social_worker_fte`, `turnover_rate_fte_%`, …).
  static let aliases = [
    "leaver_fte": "leavers_fte", "leaver_headcount": "leavers_headcount",
    "social_worker_fte": "inpost_fte", "social_worker_headcount": "inpost_headcount",
    "turnover_rate_fte_%": "turnover_rate_fte", "turnover_rate_headcount_%": "turnover_rate_headcount",
    "absence_rate_fte_%": "absence_rate_fte", "agency_worker_rate_fte_%": "agency_rate_fte",
    "agency_worker_rate_headcount_%": "agency_rate_headcount", "agency_cover_rate_fte_%": "agency_cover_rate_fte",
    "vacancy_rate_fte_%": "vacancy_rate_fte", "vacancy_agency_cover_rate_fte_%": "vacancy_agency_cover_rate_fte",
  ]

  /// Columns every layout has that hold no figure.
  static let descriptive = ["time_identifier", "country_code", "country_name"]

  /// Authorities that report jointly in later releases (one row, codes `314 / 318`) but have a row
  /// each in older ones, the second all `z`: there the first row holds the joint return.
  static let jointReturns = [("314", "318"), ("940", "941")]

  static let geography = [
    "time_period", "geographic_level", "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
  ]

  /// The DfE's symbols for missing values and what they mean.
  public static let missingCodes = [
    "c": "confidential data which has been suppressed", "x": "data is unavailable for other reason(s)",
    "z": "observation is not applicable", "u": "observation is of low reliability",
    "low": "rounds to 0 but is not 0", "k": "rounds to 0 but is not 0", ":": "not available", "..": "not available",
  ]

  public let path: String
  /// The file's name, as cited in provenance.
  let fileName: String
  /// The file's readable title (`SourceFileTitle.csww`), as cited in provenance.
  let title: String
  /// The release date of the file: the reported date of its facts.
  public let released: Day
  /// `released` as `YYYY-MM-DD`, formatted once.
  let releasedISO: String
  /// Writes new facts as canonical bytes (`plan(current:progress:canonical:)`).
  let writer: CSWWFactWriter
  public let registry: AuthorityRegistry
  public var policy = BadRowPolicy.stop
  /// The streams to import (authorities, with England and their regions); nil for every row.
  public var selection: Set<String>? = nil

  public init(path: String, released: Day, registry: AuthorityRegistry = .shared, policy: BadRowPolicy = .stop) {
    self.path = path
    fileName = URL(fileURLWithPath: path).lastPathComponent
    title = SourceFileTitle.csww(fileName: fileName)
    self.released = released
    releasedISO = released.iso
    writer = CSWWFactWriter(fileName: fileName, title: title, releasedISO: releasedISO)
    self.registry = registry
    self.policy = policy
  }

  /// The release date DfE's timetable implies for a file covering up to `lastYear`: the end of
  /// the following February (the statistics are published each February).
  public static func defaultRelease(lastYear: Int) -> Day {
    try! Day(year: lastYear + 1, month: 2, day: Day.length(ofMonth: 2, year: lastYear + 1))
  }

  /// Reads the file and plans what to append, delivering each event as a `DomainEvent`.
  ///
  /// - Parameters:
  ///   - current: what the ledger knows of a fact id (nil when it holds nothing).
  ///   - progress: called now and then with the rows read.
  /// - Throws: `DomainError` naming the line, column and expected form (policy `.stop`).
  public func plan(
    current: (String) -> KnownFact?, progress: (Int) -> Void = { _ in },
    deliver: @escaping (DomainEvent) -> Void = { _ in }
  ) throws(DomainError) -> ImportPlan {
    try plan(current: current, progress: progress, plan: ImportPlan(deliver: deliver), sink: nil)
  }

  /// Reads the file and plans what to append, delivering each event in canonical form: the same
  /// events as `plan(current:progress:deliver:)`, byte for byte, but a fact the ledger does not
  /// hold is written straight as bytes (`CSWWFactWriter`) instead of as a `DomainEvent`.
  ///
  /// - Throws: what `plan(current:progress:deliver:)` throws.
  public func plan(
    current: (String) -> KnownFact?, progress: (Int) -> Void = { _ in },
    canonical deliver: @escaping (CanonicalEvent) -> Void
  ) throws(DomainError) -> ImportPlan {
    let plan = ImportPlan(deliver: { deliver(CanonicalEvent($0.newEvent)) })
    return try self.plan(current: current, progress: progress, plan: plan, sink: deliver)
  }

  private func plan(
    current: (String) -> KnownFact?, progress: (Int) -> Void, plan: ImportPlan,
    sink: ((CanonicalEvent) -> Void)?
  ) throws(DomainError) -> ImportPlan {
    var reader: CSVReader
    do { reader = try CSVReader(path: path) } catch { throw DomainError(.unreadableFile, "cannot read \(path)") }
    reader.skipsBlankLines = true
    var plan = plan
    let header = try readHeader(&reader, notes: &plan.notes)
    return try withoutActuallyEscaping(current) { (current) throws(DomainError) in
      var run = Run(current: current, sink: sink)
      run.valueFields = CSWWImporter.columns.indices.compactMap { c in
        header.index[CSWWImporter.columns[c].name].map { (c, $0) }
      }
      return try planRows(&reader, header: header, plan: plan, run: run, progress: progress)
    }
  }

  private func planRows(
    _ reader: inout CSVReader, header: CSVHeaderMap, plan: ImportPlan, run: Run, progress: (Int) -> Void
  ) throws(DomainError) -> ImportPlan {
    var plan = plan
    var run = run
    var pairRows: [CSVRow] = []
    while let row = try nextRow(&reader, header: header) {
      plan.rowsRead += 1
      if plan.rowsRead % 4096 == 0 { progress(plan.rowsRead) }
      guard try guardedWidth(row, header, into: &plan) else { continue }
      if !isSelected(row, header) {
        plan.notSelected += 1
        continue
      }
      if isPairMember(row, header) {
        pairRows.append(row)
        continue
      }
      try guarded(row, into: &plan) { (plan) throws(DomainError) in
        try importRow(row, header: header, targets: try targets(row, header), into: &plan, run: &run)
      }
    }
    try importPairRows(pairRows, header: header, into: &plan, run: &run)
    plan.notes += reorganisationNotes(run.seen)
    return plan
  }

  /// What one pass over the file keeps: the ledger's facts, where canonical events go (nil:
  /// as `DomainEvent`s to the plan), the authorities and years seen, the line that stated each
  /// authority's figures for a year, and each year's dates.
  struct Run {
    var current: (String) -> KnownFact?
    var sink: ((CanonicalEvent) -> Void)?
    var seen: [String: ClosedRange<Int>] = [:]
    var lineOfKey: [RowKey: Int] = [:]
    var times: [Int: CSWWFactWriter.YearTime] = [:]
    /// The value columns the header has: each one's index in `CSWWImporter.columns` and its field.
    var valueFields: [(column: Int, field: Int)] = []

    init(current: @escaping (String) -> KnownFact?, sink: ((CanonicalEvent) -> Void)?) {
      self.current = current
      self.sink = sink
    }

    /// The dates of census year `year`, formatted once per import.
    mutating func time(_ year: Int) -> CSWWFactWriter.YearTime {
      if let time = times[year] { return time }
      let time = CSWWFactWriter.yearTime(year)
      times[year] = time
      return time
    }
  }

  /// What makes a row's fact ids: every row states the same columns (the header's), so two rows
  /// state the same facts exactly when their authority, year and jointness are the same.
  struct RowKey: Hashable {
    var stream: String
    var year: Int
    var joint: Bool
  }

  /// Whether a row has the header's width; under `.skip` a short or long row is listed and passed over.
  private func guardedWidth(_ row: CSVRow, _ header: CSVHeaderMap, into plan: inout ImportPlan) throws(DomainError)
    -> Bool
  {
    var fits = false
    try guarded(row, into: &plan) { (_: inout ImportPlan) throws(DomainError) in
      try checkWidth(row, header)
      fits = true
    }
    return fits
  }

  /// Runs `body` for a row; under `.skip` a refused row is listed instead of stopping the import.
  private func guarded(
    _ row: CSVRow, into plan: inout ImportPlan, _ body: (inout ImportPlan) throws(DomainError) -> Void
  )
    throws(DomainError)
  {
    do {
      try body(&plan)
    } catch {
      guard policy == .skip else { throw error }
      plan.skipped.append((row.line, error.description))
    }
  }

  /// Whether a row is for England, a region or an authority in `selection` (always, without one).
  private func isSelected(_ row: CSVRow, _ h: CSVHeaderMap) -> Bool {
    guard let selection else { return true }
    switch h.value(row, "geographic_level") {
    case "National": return selection.contains(registry.england.stream)
    case "Regional": return selection.contains("region:" + h.value(row, "region_code"))
    default:
      return h.value(row, "old_la_code").components(separatedBy: " / ").contains { code in
        registry.authority(dfeNumber: code.trimmingSpaces).map { selection.contains($0.stream) } ?? false
      }
    }
  }

  /// Whether a row is one authority of a pair that later releases report jointly.
  private func isPairMember(_ row: CSVRow, _ h: CSVHeaderMap) -> Bool {
    guard h.value(row, "geographic_level") == "Local authority" else { return false }
    let code = h.value(row, "old_la_code").trimmingSpaces
    return CSWWImporter.jointReturns.contains { $0.0 == code || $0.1 == code }
  }

  /// Rows of jointly reporting authorities given one each (older layouts): where one of a year's
  /// pair holds `z` throughout, the other holds the joint return and is recorded for both, as
  /// later releases record their combined row; otherwise each row is its own authority's.
  private func importPairRows(_ rows: [CSVRow], header h: CSVHeaderMap, into plan: inout ImportPlan, run: inout Run)
    throws(DomainError)
  {
    for row in rows {
      try guarded(row, into: &plan) { (plan) throws(DomainError) in
        let code = h.value(row, "old_la_code").trimmingSpaces
        let year = h.value(row, "time_period")
        guard let pair = CSWWImporter.jointReturns.first(where: { $0.0 == code || $0.1 == code }) else { return }
        let partnerCode = pair.0 == code ? pair.1 : pair.0
        let partner = rows.first {
          h.value($0, "time_period") == year && h.value($0, "old_la_code").trimmingSpaces == partnerCode
        }
        if let partner, allNotApplicable(partner, h), !allNotApplicable(row, h) {
          let own = try targets(row, h)[0].0
          let other = try targets(partner, h)[0].0
          let (first, second) = pair.0 == code ? (own, other) : (other, own)
          let scope = "joint return: \(first.name) / \(second.name)"
          plan.notes.append(
            "joint return \(pair.0) / \(pair.1) in \(year): line \(row.line) holds it, line \(partner.line) is 'z' throughout; recorded for each authority with scope 'joint return'"
          )
          try importRow(row, header: h, targets: [(first, scope), (second, scope)], into: &plan, run: &run)
        } else if let partner, allNotApplicable(row, h), !allNotApplicable(partner, h) {
          return  // the partner's row holds the joint return
        } else {
          try importRow(row, header: h, targets: try targets(row, h), into: &plan, run: &run)
        }
      }
    }
  }

  /// Whether every value cell of a row is `z` (not applicable).
  private func allNotApplicable(_ row: CSVRow, _ h: CSVHeaderMap) -> Bool {
    CSWWImporter.columns.allSatisfy { column in
      h.index[column.name].map { row.fields[$0].trimmingSpaces.lowercased() == "z" } ?? true
    }
  }

  /// Reads the header, mapping older column names; columns it does not map go to `notes`.
  ///
  /// A header without the geography columns or without any value column is a layout the importer
  /// does not know: refused, naming the columns it did not recognise.
  private func readHeader(_ reader: inout CSVReader, notes: inout [String]) throws(DomainError) -> CSVHeaderMap {
    guard let row = try nextRow(&reader, header: nil) else {
      throw DomainError("the file is empty; expected a header line", line: 1)
    }
    let names = row.fields.map { CSWWImporter.aliases[$0.trimmingSpaces] ?? $0.trimmingSpaces }
    let header = CSVHeaderMap(names: names)
    let known = Set(CSWWImporter.geography + CSWWImporter.descriptive + CSWWImporter.columns.map(\.name))
    let unknown = zip(row.fields, names).filter { !known.contains($0.1) }.map(\.0)
    let missing = CSWWImporter.geography.filter { header.index[$0] == nil }
    let hasValues = CSWWImporter.columns.contains { header.index[$0.name] != nil }
    if !missing.isEmpty || !hasValues {
      let what =
        missing.isEmpty
        ? "no value column (inpost_fte, turnover_rate_fte, …)" : "missing column '\(missing.joined(separator: "', '"))'"
      throw DomainError(
        "not a layout of the DfE social work workforce indicators file: \(what)"
          + (unknown.isEmpty ? "" : "; columns not recognised: \(unknown.joined(separator: ", "))"), line: 1,
        hint: "docs/CLI.md lists the layouts 'journey import csww' reads")
    }
    for name in unknown { notes.append("column '\(name)' not imported: not a measure this importer knows") }
    return header
  }

  private func nextRow(_ reader: inout CSVReader, header: CSVHeaderMap?) throws(DomainError) -> CSVRow? {
    do { return try reader.next() } catch {
      throw DomainError(.malformedInput, "column \(error.column): \(error.message)", line: error.line)
    }
  }

  /// Refuses a row with more or fewer fields than the header (listed, not fatal, under `.skip`).
  private func checkWidth(_ row: CSVRow, _ header: CSVHeaderMap) throws(DomainError) {
    if row.fields.count != header.names.count {
      throw DomainError(
        .malformedInput, "expected \(header.names.count) fields as in the header, found \(row.fields.count)",
        line: row.line)
    }
  }

  /// The streams a row belongs to, with a scope for joint returns.
  private func targets(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> [(Authority, String?)] {
    switch h.value(row, "geographic_level") {
    case "National": return [(registry.england, nil)]
    case "Regional":
      let code = h.value(row, "region_code")
      guard let region = registry.authority(stream: "region:" + code) else {
        throw DomainError(
          .unknownAuthority, "column \(h.column("region_code")) (region_code): unknown region '\(code)'", line: row.line
        )
      }
      return [(region, nil)]
    case "Local authority":
      let codes = h.value(row, "old_la_code").components(separatedBy: " / ")
      let joint = codes.count > 1 ? "joint return: " + h.value(row, "la_name") : nil
      var found: [(Authority, String?)] = []
      for code in codes {
        guard let authority = registry.authority(dfeNumber: code.trimmingSpaces) else {
          throw DomainError(
            .unknownAuthority,
            "column \(h.column("old_la_code")) (old_la_code): unknown authority code '\(code)' (\(h.value(row, "la_name")))",
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
    _ row: CSVRow, header h: CSVHeaderMap, targets: [(Authority, String?)], into plan: inout ImportPlan, run: inout Run
  ) throws(DomainError) {
    let year = try self.year(row, h)
    var values: [(column: Int, field: Int, figure: CSWWFigure)] = []
    values.reserveCapacity(run.valueFields.count)
    for (c, index) in run.valueFields {
      let column = CSWWImporter.columns[c]
      values.append((c, index, try value(row.fields[index], column: column, at: row.line, position: index + 1)))
    }
    for (authority, scope) in targets { note(authority, scope: scope, year: year, row, h, run: &run, plan: &plan) }
    try checkNotDuplicated(targets, year: year, first: values[0].column, line: row.line, run: run)
    let time = run.time(year)
    var line: [UInt8] = []
    CSWWFactWriter.writeDecimal(row.line, into: &line)
    for (authority, scope) in targets {
      run.lineOfKey[RowKey(stream: authority.stream, year: year, joint: scope != nil)] = row.line
      let target = CSWWFactWriter.target(authority, scope: scope, year: year)
      for (c, field, figure) in values {
        let column = CSWWImporter.columns[c]
        let id = writer.id(prefix: target.idPrefix, column: c, joint: scope != nil)
        let known = run.current(id)
        if known == nil, let sink = run.sink {
          sink(
            writer.event(
              id: id, stream: authority.stream, target: target, time: time, column: c, figure: figure, line: line,
              raw: row.fields[field]))
          plan.countNewFact()
          continue
        }
        let event = fact(
          authority: authority, scope: scope, year: year, column: column, figure: figure.json, line: row.line,
          raw: row.fields[field])
        try plan.offer(event, comparing: ["value", "not_available"], current: known, released: released)
      }
    }
  }

  /// The row's census year, checked.
  private func year(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> Int {
    let yearText = h.value(row, "time_period")
    guard let year = Int(yearText), year > Day.supportedYears.lowerBound, year <= Day.supportedYears.upperBound else {
      throw DomainError(
        "column \(h.column("time_period")) (time_period): '\(yearText)'; expected a year like 2023", line: row.line)
    }
    return year
  }

  /// Records the year of a local authority's row, and notes a joint return the first time.
  private func note(
    _ authority: Authority, scope: String?, year: Int, _ row: CSVRow, _ h: CSVHeaderMap, run: inout Run,
    plan: inout ImportPlan
  ) {
    if authority.kind == .localAuthority {
      run.seen[authority.dfeNumber] =
        (run.seen[authority.dfeNumber].map { min($0.lowerBound, year)...max($0.upperBound, year) }) ?? year...year
    }
    if scope != nil, h.value(row, "old_la_code").contains("/"),
      !plan.notes.contains(where: { $0.hasPrefix("joint return") && $0.contains(h.value(row, "la_name")) })
    {
      plan.notes.append(
        "joint return \(h.value(row, "old_la_code")) (\(h.value(row, "la_name"))): recorded for each authority with scope 'joint return'"
      )
    }
  }

  /// Refuses a row that states a fact an earlier row of the file stated (same authority, period
  /// and measure), naming the first such fact: the first target's, for the first value column.
  private func checkNotDuplicated(_ targets: [(Authority, String?)], year: Int, first column: Int, line: Int, run: Run)
    throws(DomainError)
  {
    for (authority, scope) in targets {
      guard let earlier = run.lineOfKey[RowKey(stream: authority.stream, year: year, joint: scope != nil)] else {
        continue
      }
      let measure = CSWWImporter.columns[column].measure
      let time = CSWWFactWriter.yearTime(year)
      let quoted = CSWWImporter.columns[column].flow ? time.flowPeriod : time.stockPeriod
      let period = String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
      throw DomainError(
        "duplicates line \(earlier): both state \(authority.name)'s \(measure) for \(period)",
        line: line, hint: "a file states each authority, period and measure once; nothing was appended")
    }
  }

  /// A cell: a number, or a DfE missing-value code.
  private func value(_ cell: String, column: Column, at line: Int, position: Int) throws(DomainError) -> CSWWFigure {
    let text = cell.trimmingSpaces
    if CSWWFactWriter.isCanonicalNumber(text) { return .canonical(text) }
    if let number = Double(text), number.isFinite, number >= 0, number < 1e9 { return .number(number) }
    let code = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if let meaning = CSWWImporter.missingCodes[code] { return .missing(code: code, reason: meaning) }
    throw DomainError(
      "column \(position) (\(column.name)): '\(cell)' is not a value; expected a number or one of the DfE codes c, x, z, u, low",
      line: line)
  }

  /// The event of one cell as a `DomainEvent`: what the ledger compares with a fact it holds,
  /// and the reference `CSWWFactWriter`'s bytes are tested against.
  func fact(
    authority: Authority, scope: String?, year: Int, column: Column, figure: JSON, line: Int, raw: String
  ) -> DomainEvent {
    let census = try! Day(year: year, month: 9, day: 30)
    let period = column.flow ? "\(year - 1)-10-01..\(census.iso)" : "as at \(census.iso)"
    var data: [String: JSON] = [
      "measure": .string(column.measure), "unit": .string(column.unit), "period": .string(period),
      "source_kind": "dfe_statistics",
    ]
    if case .number = figure { data["value"] = figure } else { data["not_available"] = figure }
    data["basis"] = column.basis.map(JSON.string)
    data["scope"] = scope.map(JSON.string)
    let from = column.flow ? try! Day(year: year - 1, month: 10, day: 1) : census
    let source: JSON = [
      "file": .string(fileName), "lines": .string(String(line)), "quote": .string(raw),
      "column": .string(column.name), "kind": "dfe_statistics", "release": .string(releasedISO),
      "title": .string(title),
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
      return
        "reorganisation: \(old.name) (\(old.dfeNumber)) \(years.lowerBound)–\(years.upperBound), then \(next.joined(separator: " and ")); each kept under its own code"
    }
  }
}
