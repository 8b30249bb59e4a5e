import EventStore

/// Every inspection per authority, the grades in force on any date, and the direction of travel.
///
/// Rules (see docs/PROJECTIONS.md):
/// - A judgement takes effect on the report's publication date; `EffectiveDate.fieldworkEnd`
///   views it from the end of fieldwork instead. Where no source gives the publication date, the
///   report was out by the first date a source reports its judgements and, as Ofsted publishes
///   within weeks, at most `publicationWithinDays` after fieldwork: the judgement counts from
///   the earlier of the two and the view says "in force from publication (date not in the
///   ledger)" (`InspectionView.publicationUnknown`); until then the inspection is "done, report
///   pending" (`InspectionStatus`).
/// - The grades in force are the whole judgement map of the latest graded inspection in force:
///   areas are never mixed across inspections, and never derived from overall effectiveness.
/// - Two facts about the same inspection (same authority and overlapping fieldwork, e.g. a council
///   paper's "March 2019" and a letter's, or Ofsted's 4–8 March 2019) are merged: the one with the
///   narrowest fieldwork window (then the first in canonical order) supplies the dates and the
///   judgements, the earliest stated publication date is used, and both stay as evidence.
public struct JudgementHistory: FactProjection {
  public static let name = "judgement-history"
  public static let version = 2
  public static let summary = "inspections per authority, grades in force on any date, direction of travel"
  public static let eventTypes: Set<String> = Set(["ilacs_inspection"]).union(FactSet.correctingTypes)

  public init() {}

  public struct State: FactSetState {
    public var facts = FactSet()
    public init() {}
  }

  /// At most this many days from the end of fieldwork to publication, for an inspection whose
  /// publication date is not in the ledger (Ofsted publishes ILACS reports within weeks).
  public static let publicationWithinDays = 90
}

/// When a judgement starts to count.
public enum EffectiveDate: String, Sendable, CaseIterable, Codable {
  case publication
  case fieldworkEnd = "fieldwork-end"
}

/// An inspection as the judgement history shows it.
public struct InspectionView: Sendable, Equatable, Codable {
  public var id: String
  public var stream: String
  public var inspectionType: String
  public var fieldworkStart: String
  public var fieldworkEnd: String
  public var published: String?
  /// The earliest date a source reported this inspection.
  public var reported: String?
  /// Area → grade, exact Ofsted strings.
  public var judgements: [String: String]
  /// Area → why the source gives no grade (`judgements_absent`).
  public var absent: [String: String] = [:]
  /// Whether the fieldwork dates are the publication date, the source giving none.
  public var periodFromPublication = false
  /// Every fact behind this inspection (merged sources, corrections).
  public var evidence: [String]
  public var citations: [String]

  /// The day the judgements count from under `rule`: publication; when its date is not in the
  /// ledger, the first date a source reported them (the report was out by then) or
  /// `publicationWithinDays` after fieldwork, whichever is earlier.
  public func effective(_ rule: EffectiveDate) -> String {
    guard rule == .publication else { return fieldworkEnd }
    if let published { return published }
    let latest =
      DayMath.dayNumber(fieldworkEnd).map { DayMath.iso($0 + JudgementHistory.publicationWithinDays) } ?? fieldworkEnd
    return max(min(reported ?? latest, latest), fieldworkEnd)
  }

  /// Whether the publication date is missing from the ledger.
  public var publicationUnknown: Bool { published == nil }

  /// What the effective date rests on, in words.
  public func effectiveBasis(_ rule: EffectiveDate) -> String {
    switch (rule, published) {
    case (.publication, .some): "publication"
    case (.publication, .none):
      "publication date not in the ledger; counted from \(effective(rule))"
    case (.fieldworkEnd, _): "fieldwork end"
    }
  }

  public var isGraded: Bool { !judgements.isEmpty }
}

/// The grades in force on a date.
public struct GradesInForce: Sendable, Equatable, Codable {
  public var date: String
  public var rule: EffectiveDate
  public var inspection: InspectionView
  /// The day they took effect.
  public var since: String
  /// What `since` rests on: publication, or fieldwork end when the publication date is unknown.
  public var basis: String

  /// Since when, in words: `in force since 2019-05-08 (publication)`, or, when the publication
  /// date is not in the ledger, `in force from publication (date not in the ledger; first
  /// reported 2023-01-31)`.
  public var sinceText: String {
    guard rule == .publication, inspection.publicationUnknown else { return "in force since \(since) (\(basis))" }
    return "in force from publication (date not in the ledger; counted from \(since))"
  }
}

/// How an area's grade moved between two graded inspections.
public struct DirectionOfTravel: Sendable, Equatable, Codable {
  public var area: String
  public var from: String?
  public var to: String
  /// `improved`, `declined`, `unchanged` or `first`.
  public var direction: String
}

extension JudgementHistory.State {
  /// The inspections of `stream`, oldest first, with facts about one inspection merged.
  public func inspections(stream: String) -> [InspectionView] {
    var merged: [String: InspectionView] = [:]
    var order: [String] = []
    for (fact, data) in Self.narrowestFirst(facts.current(stream: stream) { $0.type == "ilacs_inspection" }) {
      guard let start = data["fieldwork_start"]?.stringValue, let end = data["fieldwork_end"]?.stringValue
      else { continue }
      let published = data["published"]?.stringValue
      if let key = order.first(where: { merged[$0]!.fieldworkStart <= end && start <= merged[$0]!.fieldworkEnd }),
        var existing = merged[key]
      {
        existing.published = [existing.published, published].compactMap { $0 }.min()
        existing.reported = [existing.reported, fact.reported].compactMap { $0 }.min()
        if existing.judgements.isEmpty {
          existing.judgements = Self.judgements(data)
          existing.absent = Self.absent(data)
        }
        existing.evidence.append(fact.id)
        existing.citations.append(fact.citation)
        merged[key] = existing
        continue
      }
      order.append(start)
      merged[start] = InspectionView(
        id: fact.id, stream: stream, inspectionType: data["inspection_type"]?.stringValue ?? "",
        fieldworkStart: start, fieldworkEnd: end, published: published, reported: fact.reported,
        judgements: Self.judgements(data),
        absent: Self.absent(data), periodFromPublication: data["period_basis"]?.stringValue == "publication",
        evidence: [fact.id] + fact.corrections, citations: [fact.citation])
    }
    return order.compactMap { merged[$0] }.sorted { $0.fieldworkStart < $1.fieldworkStart }
  }

  /// Facts in canonical order, those with a narrower fieldwork window first, each with its payload
  /// (decoded once): of two facts about one inspection, the one with exact dates ("4–8 March
  /// 2019") leads one that gives the month.
  private static func narrowestFirst(_ facts: [Fact]) -> [(fact: Fact, data: JSON)] {
    let decorated = facts.enumerated().map { offset, fact -> (days: Int, offset: Int, fact: Fact, data: JSON) in
      let data = fact.data
      let start = DayMath.dayNumber(data["fieldwork_start"]?.stringValue ?? "") ?? 0
      let end = DayMath.dayNumber(data["fieldwork_end"]?.stringValue ?? "") ?? 0
      return (end - start, offset, fact, data)
    }
    return decorated.sorted { ($0.days, $0.offset) < ($1.days, $1.offset) }.map { ($0.fact, $0.data) }
  }

  private static func judgements(_ data: JSON) -> [String: String] {
    (data["judgements"]?.objectValue ?? [:]).compactMapValues { $0.stringValue }
  }

  private static func absent(_ data: JSON) -> [String: String] {
    (data["judgements_absent"]?.objectValue ?? [:]).compactMapValues { $0.stringValue }
  }

  /// The grades in force for `stream` on `date` under `rule`, or nil before any took effect.
  public func inForce(stream: String, on date: String, rule: EffectiveDate = .publication) -> GradesInForce? {
    let inForce = inspections(stream: stream).filter { $0.isGraded && $0.effective(rule) <= date }
      .max { $0.effective(rule) < $1.effective(rule) }
    return inForce.map {
      GradesInForce(date: date, rule: rule, inspection: $0, since: $0.effective(rule), basis: $0.effectiveBasis(rule))
    }
  }

  /// The direction of travel per area from the previous graded inspection to `inspection`.
  public func direction(of inspection: InspectionView, stream: String) -> [DirectionOfTravel] {
    let graded = inspections(stream: stream).filter(\.isGraded)
    let previous = graded.last { $0.fieldworkStart < inspection.fieldworkStart }
    return inspection.judgements.keys.sorted().map { area in
      let to = inspection.judgements[area]!
      let from = previous.flatMap { Grades.comparableGrade(area: area, in: $0.judgements) }
      return DirectionOfTravel(area: area, from: from, to: to, direction: Grades.direction(from: from, to: to))
    }
  }
}
