/// What the ledger says about an authority's inspections on a date: the judgements in force,
/// inspections done whose report is not yet out, or that it holds no inspection at all.
public struct InspectionStatus: Sendable, Equatable {
  public var date: String
  /// How many inspections of the authority the ledger holds (up to the query's date).
  public var inspectionsHeld: Int
  public var inForce: GradesInForce?
  /// Inspections whose fieldwork had ended by `date` and whose judgements had not yet taken
  /// effect: "inspection done, report pending".
  public var pending: [InspectionView]

  /// One line that says only what the ledger supports, for `name` (the authority's name).
  public func statement(_ name: String) -> String {
    if inspectionsHeld == 0 { return "The ledger holds no inspection of \(name) up to \(date)." }
    var parts: [String] = []
    if let inForce {
      parts.append(
        "Judgements from the inspection of \(inForce.inspection.fieldworkStart)…\(inForce.inspection.fieldworkEnd), \(inForce.sinceText)."
      )
    } else {
      parts.append("No inspection in the ledger had taken effect by \(date).")
    }
    for inspection in pending {
      parts.append(
        "Inspection done, report pending: fieldwork \(inspection.fieldworkStart)…\(inspection.fieldworkEnd), "
          + (inspection.published.map { "published \($0)" } ?? "publication date not in the ledger") + ".")
    }
    return parts.joined(separator: " ")
  }
}

extension JudgementHistory.State {
  /// The inspection status of `stream` on `date` under `rule`.
  public func status(stream: String, on date: String, rule: EffectiveDate = .publication) -> InspectionStatus {
    let all = inspections(stream: stream)
    let pending = all.filter { $0.fieldworkEnd <= date && $0.effective(rule) > date }
    return InspectionStatus(
      date: date, inspectionsHeld: all.count, inForce: inForce(stream: stream, on: date, rule: rule), pending: pending)
  }
}
