import EventStore
import Foundation

/// Imports Ofsted's ILACS inspection history (the format of the `ofsted-ilacs-scrape-tool` file)
/// as `ilacs_inspection` events.
///
/// Lower-case grades become Ofsted's exact strings. The file's sentinels are never read as grades:
/// `inspection_pre_dates_judgement` (care leavers before 2023), `not_reported_post_reform`
/// (overall effectiveness from April 2026) and `data_unreadable` go to `judgements_absent` with
/// their meaning. The grade columns map to the judgement areas of the framework in force at the
/// start of fieldwork (the combined children in care and care leavers judgement before 2023).
/// A row with grades but no fieldwork dates takes its publication date as its period and says so
/// (`period_basis: publication`). Rows with no readable judgement at all (mostly pre-2018 reports
/// the extractor could not read) are listed as not importable, never dropped silently. A grade
/// word that is none of Ofsted's four is refused with its line and column, except the mappings in
/// `gradeMappings`. Two rows for one inspection (same authority and publication date) stop the
/// import with both lines. A row for an inspection the ledger holds already from another source
/// (`InspectionMatch`) keeps its own id and `restates` that fact: one inspection, several sources.
public struct ILACSImporter {
  static let required = [
    "urn", "local_authority", "publication_date", "inspection_framework", "inspection_start_date",
    "inspection_end_date",
    "overall_effectiveness_grade", "impact_of_leaders_grade", "help_and_protection_grade", "in_care_grade",
    "care_leavers_grade",
  ]

  static let sentinels = [
    "inspection_pre_dates_judgement": "the judgement did not exist when the inspection took place",
    "not_reported_post_reform": "not given under the framework from April 2026",
    "data_unreadable": "the extractor could not read it from the report",
    "": "not extracted from the report",
  ]

  /// Grade words outside Ofsted's four that name exactly one grade, and the grade they name.
  ///
  /// The source's text is kept in `judgements_original`.
  ///
  /// `to requires improvement` (twice in the England-wide file): the extractor caught the end of
  /// the report's "... to requires improvement to be good"; the only grade it names is
  /// "Requires improvement to be good".
  public static let gradeMappings = [
    "to requires improvement": "Requires improvement to be good",
    "to requires improvement to be good": "Requires improvement to be good",
  ]

  public let path: String
  public let registry: AuthorityRegistry
  public var policy = BadRowPolicy.stop
  /// The authorities' streams to import; nil for every row.
  public var selection: Set<String>? = nil
  /// The inspections the ledger holds already: a row that is one of them (`InspectionMatch`) is
  /// appended as a restatement of it, not as a second inspection.
  public var held: [HeldInspection] = []
  /// The date of this edition of the file: a grade that differs from what the ledger holds is a
  /// revision known from this date (new inspections are known from their publication date).
  public var released: Day
  /// The file's name, as cited in provenance.
  let fileName: String
  /// The file's readable title (`SourceFileTitle.ilacs`), as cited in provenance.
  let title: String

  public init(path: String, released: Day, registry: AuthorityRegistry = .shared, policy: BadRowPolicy = .stop) {
    self.path = path
    fileName = URL(fileURLWithPath: path).lastPathComponent
    title = SourceFileTitle.ilacs(fileName: fileName)
    self.released = released
    self.registry = registry
    self.policy = policy
  }

  /// Reads the file and plans what to append (see `CSWWImporter.plan`).
  public func plan(current: (String) -> KnownFact?, deliver: @escaping (DomainEvent) -> Void = { _ in })
    throws(DomainError) -> ImportPlan
  {
    var reader: CSVReader
    do { reader = try CSVReader(path: path) } catch { throw DomainError(.unreadableFile, "cannot read \(path)") }
    reader.skipsBlankLines = true
    let header = try readHeader(&reader)
    var plan = ImportPlan(deliver: deliver)
    var firstLine: [String: Int] = [:]
    while let row = try nextRow(&reader) {
      plan.rowsRead += 1
      do {
        try checkWidth(row, header)
        switch try inspection(row, header) {
        case .event(let event) where selection.map({ !$0.contains(event.authority.stream) }) ?? false:
          plan.notSelected += 1
        case .event(let event):
          try checkNotDuplicate(event, line: row.line, seen: &firstLine)
          try place(event, line: row.line, current: current, plan: &plan)
        case .notImportable(_, let stream) where selection.map({ !$0.contains(stream) }) ?? false:
          plan.notSelected += 1
        case .notImportable(let reason, _):
          plan.skipped.append((row.line, reason))
        }
      } catch {
        guard policy == .skip else { throw error }
        plan.skipped.append((row.line, error.description))
      }
    }
    return plan
  }

  /// The payload fields that carry a row's value (the rest identify the inspection).
  static let compared = ["judgements", "published", "judgements_absent", "judgements_original", "period_basis"]

  /// Offers a row as its own fact, as a later edition of a row the ledger holds (its own fact, or
  /// a statement linked to another source's), or links it to the held inspection it is.
  private func place(_ event: DomainEvent, line: Int, current: (String) -> KnownFact?, plan: inout ImportPlan)
    throws(DomainError)
  {
    let known = max(released, event.reported)
    if let own = current(event.id) ?? held.lazy.compactMap({ $0.knownFact(of: event.id) }).first {
      return try plan.offer(event, comparing: ILACSImporter.compared, current: own, released: known)
    }
    let row = "line \(line), \(event.authority.name)'s inspection published \(event.reported.iso)"
    switch InspectionMatch.find(for: event, among: held) {
    case .same(let inspection, let reason):
      return plan.link(event, restating: inspection.id, note: "\(row): restates \(inspection.id) (\(reason))")
    case .ambiguous(let ids):
      plan.notes.append("\(row): could be any of \(ids.joined(separator: ", ")); appended as its own fact")
    case .otherPublication(let inspection):
      plan.notes.append(
        "\(row): fieldwork overlaps \(inspection.id), which states publication \(inspection.published ?? "")"
          + "; appended as its own fact (link them with sources_disagree if they are one inspection)")
    case .none: break
    }
    try plan.offer(event, comparing: ILACSImporter.compared, current: nil, released: known)
  }

  private func checkWidth(_ row: CSVRow, _ header: CSVHeaderMap) throws(DomainError) {
    if row.fields.count != header.names.count {
      throw DomainError(
        .malformedInput, "expected \(header.names.count) fields as in the header, found \(row.fields.count)",
        line: row.line)
    }
  }

  /// Refuses a second row for an inspection already in the file (same authority and publication).
  private func checkNotDuplicate(_ event: DomainEvent, line: Int, seen: inout [String: Int]) throws(DomainError) {
    let key = event.authority.stream + "@" + event.reported.iso
    if let first = seen[key] {
      throw DomainError(
        .duplicateID,
        "a second row for \(event.authority.name)'s inspection published \(event.reported.iso) (the first is line \(first))",
        line: line, hint: "nothing was appended; remove one of lines \(first) and \(line)")
    }
    seen[key] = line
  }

  /// What a row yields.
  enum Outcome {
    case event(DomainEvent)
    /// A well-formed row that holds no usable inspection (listed in the summary, not an error),
    /// and the authority's stream.
    case notImportable(String, stream: String)
  }

  private func readHeader(_ reader: inout CSVReader) throws(DomainError) -> CSVHeaderMap {
    guard let row = try nextRow(&reader) else {
      throw DomainError(.malformedInput, "the file is empty; expected a header line", line: 1)
    }
    let header = CSVHeaderMap(names: row.fields)
    for name in ILACSImporter.required where header.index[name] == nil {
      throw DomainError(
        .missingField, "missing column '\(name)'; is this an Ofsted ILACS inspection history file?", line: 1)
    }
    return header
  }

  private func nextRow(_ reader: inout CSVReader) throws(DomainError) -> CSVRow? {
    do { return try reader.next() } catch {
      throw DomainError(.malformedInput, "column \(error.column): \(error.message)", line: error.line)
    }
  }

  /// The event for a row, or why the row holds none.
  private func inspection(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> Outcome {
    let authority = try authorityOf(row, h)
    let published = try date(
      h.value(row, "publication_date"), column: "publication_date", row: row, h: h, twoDigitYear: true)
    guard let published else {
      throw DomainError(
        .missingField, "column \(h.column("publication_date")) (publication_date): missing; expected dd/mm/yy",
        line: row.line)
    }
    let start = try date(
      h.value(row, "inspection_start_date"), column: "inspection_start_date", row: row, h: h, twoDigitYear: false)
    let end = try date(
      h.value(row, "inspection_end_date"), column: "inspection_end_date", row: row, h: h, twoDigitYear: false)
    if (start == nil) != (end == nil) {
      let missing = start == nil ? "inspection_start_date" : "inspection_end_date"
      throw DomainError(
        .missingField,
        "column \(h.column(missing)) (\(missing)): missing while the other fieldwork date is given; expected dd/mm/yyyy",
        line: row.line)
    }
    let grades = try gradesByArea(row, h, fieldworkStart: start?.iso ?? published.iso)
    guard !grades.judgements.isEmpty else {
      return .notImportable(
        "\(authority.name), published \(published.iso): no readable judgement in the source", stream: authority.stream)
    }
    let kind = h.value(row, "inspection_framework")
    var data: [String: JSON] = [
      "inspection_type": .string(["standard", "short"].contains(kind) ? kind : "unknown"),
      "fieldwork_start": .string((start ?? published).iso), "fieldwork_end": .string((end ?? published).iso),
      "published": .string(published.iso), "judgements": .object(grades.judgements.mapValues(JSON.string)),
    ]
    if start == nil { data["period_basis"] = "publication" }
    if !grades.absent.isEmpty { data["judgements_absent"] = .object(grades.absent.mapValues(JSON.string)) }
    if !grades.original.isEmpty { data["judgements_original"] = .object(grades.original.mapValues(JSON.string)) }
    let inspector = h.value(row, "inspector_name")
    if !inspector.isEmpty { data["lead_inspector"] = .string(inspector) }
    let spec = try EventCatalogue.spec("ilacs_inspection")
    let (checked, valid) = try located(row.line) { () throws(DomainError) in try spec.validate(.object(data)) }
    let source: JSON = [
      "file": .string(fileName), "lines": .string(String(row.line)), "title": .string(title),
      "quote": .string(h.value(row, "pdf_filename").isEmpty ? h.value(row, "urn") : h.value(row, "pdf_filename")),
      "url": .string(h.value(row, "inspection_link")), "kind": "ofsted_data",
    ]
    let urn = h.value(row, "urn")
    return .event(
      DomainEvent(
        id: "ilacs:\(urn):\(published.iso)", type: "ilacs_inspection", authority: authority, reported: published,
        source: source,
        data: checked, valid: valid))
  }

  private func located<T>(_ line: Int, _ body: () throws(DomainError) -> T) throws(DomainError) -> T {
    do { return try body() } catch { throw error.at(line: line) }
  }

  private func authorityOf(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> Authority {
    let urn = h.value(row, "urn")
    if !urn.isEmpty, let byURN = registry.all.first(where: { $0.ofstedURN == urn }) { return byURN }
    let published = h.value(row, "publication_date").split(separator: "/").map(String.init)
    let when = published.count == 3 ? "20\(published[2])-\(published[1])-\(published[0])" : "9999-12-31"
    do { return try registry.resolve(h.value(row, "local_authority"), on: when) } catch {
      throw DomainError(
        .unknownAuthority, "column \(h.column("local_authority")) (local_authority): \(error.message) (urn \(urn))",
        line: row.line,
        hint: error.hint)
    }
  }

  /// `dd/mm/yy` (publication) or `dd/mm/yyyy` (fieldwork); nil when empty.
  private func date(_ text: String, column: String, row: CSVRow, h: CSVHeaderMap, twoDigitYear: Bool)
    throws(DomainError) -> Day?
  {
    guard !text.isEmpty else { return nil }
    let parts = text.split(separator: "/").map { Int($0) }
    let expected = twoDigitYear ? "dd/mm/yy" : "dd/mm/yyyy"
    guard parts.count == 3, let d = parts[0], let m = parts[1], let y = parts[2], twoDigitYear ? y < 100 : y >= 1000
    else {
      throw DomainError("column \(h.column(column)) (\(column)): '\(text)'; expected \(expected)", line: row.line)
    }
    do { return try Day(year: twoDigitYear ? 2000 + y : y, month: m, day: d) } catch {
      throw DomainError("column \(h.column(column)) (\(column)): '\(text)': \(error.message)", line: row.line)
    }
  }

  /// The grades of a row by area, why each missing one is missing, and the source's words where
  /// a documented mapping read them.
  struct AreaGrades {
    var judgements: [String: String] = [:]
    var absent: [String: String] = [:]
    var original: [String: String] = [:]
  }

  /// Grades by the areas of the framework in force at fieldwork start; sentinels set aside.
  ///
  /// - Throws: `DomainError` naming the line and column of a word that is neither a grade, a
  ///   sentinel nor in `gradeMappings`.
  private func gradesByArea(_ row: CSVRow, _ h: CSVHeaderMap, fieldworkStart: String) throws(DomainError) -> AreaGrades
  {
    let framework = Framework.inForce(on: fieldworkStart).name
    let inCare =
      framework == "ilacs_2018"
      ? "children_in_care_and_care_leavers" : framework == "sif" ? "looked_after_and_permanence" : "children_in_care"
    let areas: [(String, String?)] = [
      ("overall_effectiveness_grade", "overall_effectiveness"),
      ("impact_of_leaders_grade", framework == "sif" ? "leadership_management_governance" : "impact_of_leaders"),
      ("help_and_protection_grade", "help_and_protection"), ("in_care_grade", inCare),
      ("care_leavers_grade", framework == "ilacs_2018" ? nil : "care_leavers"),
    ]
    var grades = AreaGrades()
    for (column, area) in areas {
      let text = h.value(row, column)
      let grade = try gradeOrSentinel(text, column: column, row: row, h: h)
      guard let area else {
        if grade != nil {
          grades.absent["care_leavers"] =
            "graded '\(text)' by the source, but part of the combined judgement before 2023"
        }
        continue
      }
      guard let grade else {
        grades.absent[area] = ILACSImporter.sentinels[text]
        continue
      }
      grades.judgements[area] = grade
      if ILACSImporter.gradeMappings[text.lowercased()] != nil { grades.original[area] = text }
    }
    return grades
  }

  /// Ofsted's grade for a cell, nil for a sentinel; an error for any other word.
  private func gradeOrSentinel(_ text: String, column: String, row: CSVRow, h: CSVHeaderMap) throws(DomainError)
    -> String?
  {
    if ILACSImporter.sentinels[text] != nil { return nil }
    if let grade = Grade.canonical(text) ?? ILACSImporter.gradeMappings[text.lowercased()] { return grade }
    throw DomainError(
      .invalidValue,
      "column \(h.column(column)) (\(column)): unknown grade '\(text)'; expected outstanding, good, requires improvement, inadequate, "
        + "or one of the file's markers (inspection_pre_dates_judgement, not_reported_post_reform, data_unreadable, empty)",
      line: row.line, hint: "nothing was appended; correct the cell, or use --skip-bad-rows to import the other rows")
  }
}
