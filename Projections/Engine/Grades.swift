import EventStore

/// The Ofsted grade scale and how areas map across frameworks.
public enum Grades {
  /// The judgements every ILACS inspection is shown with, each under its names across frameworks.
  public static let columns: [(label: String, areas: [String])] = [
    ("Overall", ["overall_effectiveness"]),
    ("Leaders", ["impact_of_leaders", "leadership_management_governance"]),
    ("Help & protection", ["help_and_protection"]),
    ("In care", ["children_in_care", "children_in_care_and_care_leavers", "looked_after_and_permanence"]),
    ("Care leavers", ["care_leavers"]),
  ]

  /// The four grades, best first.
  public static let scale = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]

  /// 1 (Outstanding) … 4 (Inadequate), or nil for anything else.
  public static func rank(_ grade: String) -> Int? {
    if let i = scale.firstIndex(of: grade) { return i + 1 }
    return grade.lowercased() == "requires improvement" ? 3 : nil
  }

  /// Short labels for narrow tables.
  public static func short(_ grade: String) -> String {
    switch rank(grade) {
    case 1: "Outstanding"
    case 2: "Good"
    case 3: "RI"
    case 4: "Inadequate"
    default: grade
    }
  }

  /// Areas that count as the same judgement across a framework change.
  static let equivalents: [String: [String]] = [
    "children_in_care": ["children_in_care_and_care_leavers", "looked_after_and_permanence"],
    "children_in_care_and_care_leavers": ["children_in_care", "looked_after_and_permanence"],
    "care_leavers": ["children_in_care_and_care_leavers"],
    "impact_of_leaders": ["leadership_management_governance"],
  ]

  /// The previous grade for `area`, looking through renamed or split judgements.
  static func comparableGrade(area: String, in judgements: [String: String]) -> String? {
    judgements[area] ?? equivalents[area]?.lazy.compactMap { judgements[$0] }.first
  }

  /// `improved`, `declined`, `unchanged` or `first`.
  static func direction(from: String?, to: String) -> String {
    guard let from, let a = rank(from), let b = rank(to) else { return "first" }
    return b < a ? "improved" : b > a ? "declined" : "unchanged"
  }
}
