/// The rule that tells an Ofsted row is an inspection the ledger holds already (from a council
/// paper, a letter or the report itself), so that the row is one more source of that fact, not a
/// second inspection.
///
/// Only inspections of the row's own authority are candidates. In order:
/// 1. the same publication date: the same report;
/// 2. else, when the row gives fieldwork dates: a held inspection whose fieldwork shares at least
///    one day with the row's and which states no publication date ("inspected in March 2019",
///    1–31 March, holds Ofsted's 4–8 March; two graded inspections of one authority never overlap);
/// 3. a held inspection whose fieldwork overlaps but which states another publication date is a
///    different claim about the inspection (a source that disagrees): it is not linked, and the
///    import says so;
/// 4. when two or more held inspections fit equally, none is linked, and the import says so.
public enum InspectionMatch: Sendable, Equatable {
  /// Nothing the ledger holds is this inspection.
  case none
  /// The same inspection, and why.
  case same(HeldInspection, reason: String)
  /// Several held inspections fit equally (their ids): none is linked.
  case ambiguous([String])
  /// Fieldwork overlaps, but the held inspection states another publication date.
  case otherPublication(HeldInspection)

  /// The held inspection `row` (an `ilacs_inspection` event from Ofsted's file) is, if any.
  public static func find(for row: DomainEvent, among held: [HeldInspection]) -> InspectionMatch {
    let candidates = held.filter { $0.stream == row.authority.stream && $0.id != row.id }
    let published = row.data["published"]?.stringValue
    let samePublication = candidates.filter { $0.published != nil && $0.published == published }
    if let match = single(samePublication, reason: "the same publication date, \(published ?? "")") { return match }
    guard row.data["period_basis"]?.stringValue != "publication",
      let start = row.data["fieldwork_start"]?.stringValue, let end = row.data["fieldwork_end"]?.stringValue
    else { return .none }
    let overlapping = candidates.filter { $0.fieldworkOverlaps(start, end) }
    let undated = overlapping.filter { $0.published == nil }
    let reason = { (held: HeldInspection) in
      "fieldwork \(start)…\(end) overlaps \(held.fieldworkStart)…\(held.fieldworkEnd), no publication date held"
    }
    if let first = undated.first, let match = single(undated, reason: reason(first)) { return match }
    return overlapping.first.map { .otherPublication($0) } ?? .none
  }

  /// `.same` for one candidate, `.ambiguous` for several, nil for none.
  private static func single(_ candidates: [HeldInspection], reason: String) -> InspectionMatch? {
    switch candidates.count {
    case 0: return nil
    case 1: return .same(candidates[0], reason: reason)
    default: return .ambiguous(candidates.map(\.id).sorted())
    }
  }
}
