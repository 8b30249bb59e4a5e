import EventStore
import JourneyDomain

extension InspectionView {
  /// The framework the inspection's judgements belong to (by fieldwork start).
  public var framework: Framework { Framework.inForce(on: fieldworkStart) }

  /// The grade for `area`, or why the inspection gives none: the source's reason
  /// (`judgements_absent`), the framework's (the judgement did not exist, or was no longer given),
  /// or "not stated in the source".
  public func entry(_ area: String) -> JudgementEntry {
    if let grade = judgements[area] { return .grade(grade) }
    if let reason = absent[area] { return .absent(reason: reason) }
    if !framework.areas.contains(area) { return .absent(reason: Self.frameworkReason(area, framework)) }
    return .absent(reason: "not stated in the source")
  }

  /// The entry for the first of `areas` (one judgement under its names across frameworks) that the
  /// inspection grades, gives a reason for, or whose framework has it; else the first's.
  public func entry(forAny areas: [String]) -> (area: String, entry: JudgementEntry) {
    let area =
      areas.first { judgements[$0] != nil || absent[$0] != nil }
      ?? areas.first { framework.areas.contains($0) } ?? areas[0]
    return (area, entry(area))
  }

  /// Every judgement the inspection shows: the standard ones (`Grades.columns`), graded or with
  /// their reason, then any other area it grades or explains (adoption under the SIF).
  public var entries: [(area: String, entry: JudgementEntry)] {
    let standard = Grades.columns.map { entry(forAny: $0.areas) }
    let shown = Set(standard.map(\.area))
    let others = Set(judgements.keys).union(absent.keys).subtracting(shown).sorted()
    return standard + others.map { ($0, entry($0)) }
  }

  private static func frameworkReason(_ area: String, _ framework: Framework) -> String {
    switch (area, framework.name) {
    case ("care_leavers", "ilacs_2018"): "no separate judgement before 2023 (part of children in care and care leavers)"
    case ("overall_effectiveness", "ilacs_2026"): "not given under the framework from April 2026"
    default: "not a judgement under the \(framework.name) framework"
    }
  }
}
