import EventStore
import Foundation
import JourneyDomain
import Projections
import Testing

/// Ofsted rows and the inspections a ledger holds already from other sources.
private enum Rows {
  static let header =
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,"
    + "inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,"
    + "help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version"
  /// Trafford's 2019 report as Ofsted's file gives it, with the overall grade given.
  static func trafford2019(overall: String = "inadequate") -> String {
    "80573,trafford,https://files.ofsted.gov.uk/v1/file/50074947,children's services inspection - 08 may 2019.pdf,"
      + "08/05/19,short,Paula Thomson -Jones,04/03/2019,08/03/2019,\(overall),inadequate,requires improvement,"
      + "requires improvement,inspection_pre_dates_judgement,1"
  }

  /// A council paper's "inspected in March 2019", with the publication date it states, if any.
  static func paper(_ id: String, stream: String = "la:358", published: String? = nil) -> HeldInspection {
    var data: [String: JSON] = [
      "inspection_type": "short", "fieldwork_start": "2019-03-01", "fieldwork_end": "2019-03-31",
      "judgements": ["overall_effectiveness": "Inadequate"],
    ]
    data["published"] = published.map(JSON.string)
    return HeldInspection(
      id: id, stream: stream, data: .object(data),
      statements: [id: .init(known: "2021-07-31", data: .object(data))])
  }

  /// Plans the import of `rows` against `held`, collecting what it would append.
  static func plan(_ rows: [String], held: [HeldInspection], released: String = "2026-08-21") throws -> (
    ImportPlan, [DomainEvent]
  ) {
    let dir = TemporaryDirectory()
    let path = dir.path + "/ofsted.csv"
    try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    var importer = ILACSImporter(path: path, released: try Day(iso: released))
    importer.held = held
    var events: [DomainEvent] = []
    let plan = try importer.plan(current: { _ in nil }, deliver: { events.append($0) })
    return (plan, events)
  }
}

@Suite("An Ofsted row of an inspection the ledger holds restates it")
struct ILACSLinkTests {
  @Test("a row whose fieldwork lies in a held 'March 2019' with no publication date restates it")
  func overlappingFieldwork() throws {
    let (plan, events) = try Rows.plan([Rows.trafford2019()], held: [Rows.paper("paper-2019")])
    #expect(plan.linked == 1 && plan.newFacts == 0)
    #expect(events.map(\.id) == ["ilacs:80573:2019-05-08"])
    #expect(events.first?.data["restates"] == "paper-2019")
    #expect(events.first?.reported.iso == "2019-05-08")
    #expect(plan.notes.first?.contains("fieldwork 2019-03-04…2019-03-08 overlaps 2019-03-01…2019-03-31") == true)
    #expect(plan.summary.contains("(new 0, revisions 0, known earlier 0, restating held facts 1)"))
  }

  @Test("the same publication date links even where another held inspection's fieldwork overlaps")
  func samePublication() throws {
    let held = [Rows.paper("june-claim", published: "2019-06-30"), Rows.paper("may-claim", published: "2019-05-08")]
    let (plan, events) = try Rows.plan([Rows.trafford2019()], held: held)
    #expect(events.first?.data["restates"] == "may-claim")
    #expect(plan.notes.first?.contains("the same publication date, 2019-05-08") == true)
  }

  @Test("a held inspection that states another publication date is a disagreeing claim: not linked, and said so")
  func otherPublication() throws {
    let (plan, events) = try Rows.plan([Rows.trafford2019()], held: [Rows.paper("june-claim", published: "2019-06-30")])
    #expect(plan.newFacts == 1 && plan.linked == 0)
    #expect(events.first?.data["restates"] == nil)
    #expect(plan.notes.first?.contains("states publication 2019-06-30") == true)
  }

  @Test("another authority's inspection, or two that fit equally, are never linked")
  func noLink() throws {
    let (other, _) = try Rows.plan([Rows.trafford2019()], held: [Rows.paper("bury-2019", stream: "la:351")])
    #expect(other.newFacts == 1 && other.notes.isEmpty)
    let (both, events) = try Rows.plan([Rows.trafford2019()], held: [Rows.paper("a"), Rows.paper("b")])
    #expect(both.newFacts == 1 && events.first?.data["restates"] == nil)
    #expect(both.notes.first?.contains("could be any of a, b") == true)
  }

  @Test("a linked row imported again appends nothing; a later edition that changes it appends a revision of it")
  func linkedRowAgain() throws {
    let (_, first) = try Rows.plan([Rows.trafford2019()], held: [Rows.paper("paper-2019")])
    let row = try #require(first.first)
    var held = Rows.paper("paper-2019")
    held.statements[row.id] = .init(known: "2019-05-08", data: row.data)
    let (again, none) = try Rows.plan([Rows.trafford2019()], held: [held])
    #expect(none.isEmpty && again.unchanged == 1 && again.linked == 0)
    let (revised, events) = try Rows.plan(
      [Rows.trafford2019(overall: "requires improvement")], held: [held], released: "2027-01-15")
    #expect(revised.revisions == 1)
    #expect(events.map(\.id) == ["ilacs:80573:2019-05-08@2027-01-15"])
    #expect(events.first?.data["restates"] == "ilacs:80573:2019-05-08")
  }
}
