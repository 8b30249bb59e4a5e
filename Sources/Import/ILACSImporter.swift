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
/// Rows with no readable judgement or no fieldwork dates (mostly pre-2018 reports the extractor
/// could not read) are listed as skipped, never dropped silently.
public struct ILACSImporter {
  static let required = [
    "urn", "local_authority", "publication_date", "inspection_framework", "inspection_start_date", "inspection_end_date",
    "overall_effectiveness_grade", "impact_of_leaders_grade", "help_and_protection_grade", "in_care_grade", "care_leavers_grade",
  ]

  static let sentinels = [
    "inspection_pre_dates_judgement": "the judgement did not exist when the inspection took place",
    "not_reported_post_reform": "not given under the framework from April 2026",
    "data_unreadable": "the extractor could not read it from the report",
    "": "not extracted from the report",
  ]

  public let path: String
  public let registry: AuthorityRegistry
  public var policy = BadRowPolicy.stop

  public init(path: String, registry: AuthorityRegistry = .shared, policy: BadRowPolicy = .stop) {
    self.path = path
    self.registry = registry
    self.policy = policy
  }

  /// Reads the file and plans what to append (see `CSWWImporter.plan`).
  public func plan(current: (String) -> JSON?, deliver: @escaping (DomainEvent) -> Void = { _ in }) throws(DomainError) -> ImportPlan {
    var reader: CSVReader
    do { reader = try CSVReader(path: path) } catch { throw DomainError(.unreadableFile, "cannot read \(path)") }
    let header = try readHeader(&reader)
    var plan = ImportPlan(deliver: deliver)
    while let row = try nextRow(&reader, header) {
      plan.rowsRead += 1
      do {
        switch try inspection(row, header) {
        case .event(let event):
          plan.offer(event, comparing: ["judgements", "published", "judgements_absent"], current: current(event.id), released: event.reported,
            reason: "revised in Ofsted's data")
        case .notImportable(let reason):
          plan.skipped.append((row.line, reason))
        }
      } catch {
        guard policy == .skip else { throw error }
        plan.skipped.append((row.line, error.description))
      }
    }
    return plan
  }

  /// What a row yields.
  enum Outcome {
    case event(DomainEvent)
    /// A well-formed row that holds no usable inspection (listed in the summary, not an error).
    case notImportable(String)
  }

  private func readHeader(_ reader: inout CSVReader) throws(DomainError) -> CSVHeaderMap {
    guard let row = try nextRow(&reader, nil) else { throw DomainError(.malformedInput, "the file is empty; expected a header line", line: 1) }
    let header = CSVHeaderMap(names: row.fields)
    for name in ILACSImporter.required where header.index[name] == nil {
      throw DomainError(.missingField, "missing column '\(name)'; is this an Ofsted ILACS inspection history file?", line: 1)
    }
    return header
  }

  private func nextRow(_ reader: inout CSVReader, _ header: CSVHeaderMap?) throws(DomainError) -> CSVRow? {
    let row: CSVRow?
    do { row = try reader.next() } catch { throw DomainError(.malformedInput, "column \(error.column): \(error.message)", line: error.line) }
    if let row, let header, row.fields.count != header.names.count {
      throw DomainError(.malformedInput, "expected \(header.names.count) fields as in the header, found \(row.fields.count)", line: row.line)
    }
    return row
  }

  /// The event for a row, or why the row holds none.
  private func inspection(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> Outcome {
    let authority = try authorityOf(row, h)
    let published = try date(h.value(row, "publication_date"), column: "publication_date", row: row, h: h, twoDigitYear: true)
    guard let published else {
      throw DomainError(.missingField, "column \(h.column("publication_date")) (publication_date): missing; expected dd/mm/yy", line: row.line)
    }
    let start = try date(h.value(row, "inspection_start_date"), column: "inspection_start_date", row: row, h: h, twoDigitYear: false)
    let end = try date(h.value(row, "inspection_end_date"), column: "inspection_end_date", row: row, h: h, twoDigitYear: false)
    let grades = gradesByArea(row, h, fieldworkStart: start?.iso ?? published.iso)
    guard let start, let end else { return .notImportable("\(authority.name), published \(published.iso): no fieldwork dates in the source") }
    guard !grades.judgements.isEmpty else {
      return .notImportable("\(authority.name), published \(published.iso): no readable judgement in the source")
    }
    let kind = h.value(row, "inspection_framework")
    var data: [String: JSON] = [
      "inspection_type": .string(["standard", "short"].contains(kind) ? kind : "unknown"),
      "fieldwork_start": .string(start.iso), "fieldwork_end": .string(end.iso), "published": .string(published.iso),
      "judgements": .object(grades.judgements.mapValues(JSON.string)),
    ]
    if !grades.absent.isEmpty { data["judgements_absent"] = .object(grades.absent.mapValues(JSON.string)) }
    let inspector = h.value(row, "inspector_name")
    if !inspector.isEmpty { data["lead_inspector"] = .string(inspector) }
    let spec = try EventCatalogue.spec("ilacs_inspection")
    let (checked, valid) = try located(row.line) { () throws(DomainError) in try spec.validate(.object(data)) }
    let source: JSON = [
      "file": .string(URL(fileURLWithPath: path).lastPathComponent), "lines": .string(String(row.line)),
      "quote": .string(h.value(row, "pdf_filename").isEmpty ? h.value(row, "urn") : h.value(row, "pdf_filename")),
      "url": .string(h.value(row, "inspection_link")), "kind": "ofsted_data",
    ]
    let urn = h.value(row, "urn")
    return .event(DomainEvent(
      id: "ilacs:\(urn):\(published.iso)", type: "ilacs_inspection", authority: authority, reported: published, source: source,
      data: checked, valid: valid))
  }

  private func located<T>(_ line: Int, _ body: () throws(DomainError) -> T) throws(DomainError) -> T {
    do { return try body() } catch { throw error.at(line: line) }
  }

  private func authorityOf(_ row: CSVRow, _ h: CSVHeaderMap) throws(DomainError) -> Authority {
    let urn = h.value(row, "urn")
    if let byURN = registry.all.first(where: { $0.ofstedURN == urn }) { return byURN }
    do { return try registry.resolve(h.value(row, "local_authority")) } catch {
      throw DomainError(
        "column \(h.column("local_authority")) (local_authority): \(error.message) (urn \(urn))", line: row.line, hint: error.hint)
    }
  }

  /// `dd/mm/yy` (publication) or `dd/mm/yyyy` (fieldwork); nil when empty.
  private func date(_ text: String, column: String, row: CSVRow, h: CSVHeaderMap, twoDigitYear: Bool) throws(DomainError) -> Day? {
    guard !text.isEmpty else { return nil }
    let parts = text.split(separator: "/").map { Int($0) }
    let expected = twoDigitYear ? "dd/mm/yy" : "dd/mm/yyyy"
    guard parts.count == 3, let d = parts[0], let m = parts[1], let y = parts[2], (twoDigitYear ? y < 100 : y >= 1000) else {
      throw DomainError("column \(h.column(column)) (\(column)): '\(text)'; expected \(expected)", line: row.line)
    }
    do { return try Day(year: twoDigitYear ? 2000 + y : y, month: m, day: d) } catch {
      throw DomainError("column \(h.column(column)) (\(column)): '\(text)': \(error.message)", line: row.line)
    }
  }

  /// Grades by the areas of the framework in force at fieldwork start; sentinels set aside.
  private func gradesByArea(_ row: CSVRow, _ h: CSVHeaderMap, fieldworkStart: String) -> (judgements: [String: String], absent: [String: String]) {
    let framework = Framework.inForce(on: fieldworkStart).name
    let inCare = framework == "ilacs_2018" ? "children_in_care_and_care_leavers" : framework == "sif" ? "looked_after_and_permanence" : "children_in_care"
    let areas: [(String, String?)] = [
      ("overall_effectiveness_grade", "overall_effectiveness"),
      ("impact_of_leaders_grade", framework == "sif" ? "leadership_management_governance" : "impact_of_leaders"),
      ("help_and_protection_grade", "help_and_protection"), ("in_care_grade", inCare),
      ("care_leavers_grade", framework == "ilacs_2018" ? nil : "care_leavers"),
    ]
    var judgements: [String: String] = [:]
    var absent: [String: String] = [:]
    for (column, area) in areas {
      let text = h.value(row, column)
      guard let area else {
        if !text.isEmpty && ILACSImporter.sentinels[text] == nil { absent["care_leavers"] = "graded '\(text)' by the source, but part of the combined judgement before 2023" }
        continue
      }
      if let grade = Grade.canonical(text) { judgements[area] = grade } else { absent[area] = ILACSImporter.sentinels[text] ?? "unrecognised value '\(text)'" }
    }
    return (judgements, absent)
  }
}
