/// The monitoring visits between one graded inspection and what came next.
///
/// Kept visible across a re-inspection: on 2022-12-31 Trafford's four monitoring visits after
/// the 2019 inspection still show, with the 2022 re-inspection that followed them.
public struct MonitoringCycle: Sendable, Equatable {
  /// The graded inspection the cycle follows.
  public var inspection: InspectionView
  /// The monitoring visits after its fieldwork and before the next inspection, one per visit.
  public var visits: [TimelineEntry]
  /// The next graded inspection whose fieldwork had begun by the date, if any.
  public var next: InspectionView?
  /// What came next, in words: `re-inspection 2022-11-21…2022-12-02 (report pending)`.
  public var nextText: String
}

extension VisitTimeline.State {
  /// Every graded inspection of `stream` whose fieldwork had ended by `date`, with the monitoring
  /// visits that followed it and what came next.
  public func monitoringCycles(stream: String, on date: String) -> [MonitoringCycle] {
    let graded = inspections(stream: stream).filter { $0.isGraded && $0.fieldworkStart <= date }
    let visits = monitoringVisits(stream: stream, asOf: date)
    return graded.enumerated().compactMap { i, inspection in
      guard inspection.fieldworkEnd <= date else { return nil }
      let next = graded.dropFirst(i + 1).first
      let held = visits.filter { $0.date > inspection.fieldworkEnd && (next == nil || $0.date < next!.fieldworkStart) }
      return MonitoringCycle(inspection: inspection, visits: held, next: next, nextText: Self.nextText(next, on: date))
    }
  }

  /// `re-inspection 2022-11-21…2022-12-02 (report pending)`, or `no re-inspection in the ledger by DATE`.
  static func nextText(_ next: InspectionView?, on date: String) -> String {
    guard let next else { return "no re-inspection in the ledger by \(date)" }
    let state =
      next.fieldworkEnd > date
      ? "fieldwork under way"
      : next.effective(.publication) > date
        ? "inspection done, report pending"
        : next.publicationUnknown
          ? "in force from publication (date not in the ledger)" : "published \(next.published!)"
    return "re-inspection \(next.fieldworkStart)…\(next.fieldworkEnd) (\(state))"
  }
}
