/// Whether a higher or a lower value of a measure is the better one.
///
/// One table for every view that says "better" or "worse" (trends, before/after a visit,
/// rankings): a measure missing from it has no direction, and a change in it is reported as a
/// change, never as better or worse.
public enum MeasureDirection: String, Sendable, Equatable, Codable, CaseIterable {
  case lowerIsBetter = "lower is better"
  case higherIsBetter = "higher is better"
  case none = "no direction"

  /// Measure and metric names (the middle part of a series key) by direction.
  public static let table: [String: MeasureDirection] = {
    var table: [String: MeasureDirection] = [:]
    for name in lowerIsBetterNames { table[name] = .lowerIsBetter }
    for name in higherIsBetterNames { table[name] = .higherIsBetter }
    return table
  }()

  /// Workforce instability, poor audit grades, delay and absence: less is better.
  static let lowerIsBetterNames = [
    "turnover_rate", "agency_rate", "vacancy_rate", "caseload", "absence_rate", "percent_inadequate", "re_referrals",
    "leavers", "vacancies", "working_days_lost", "agency_cover_rate", "vacancy_agency_cover_rate", "persistent_absence",
    "school_absence", "severe_absence", "s47_median_days", "care_proceedings_over_26_weeks",
    "children_with_change_of_social_worker", "children_with_two_or_more_placement_moves",
    "young_people_16_17_in_unregulated_provision",
  ]

  /// Good audit grades, timeliness, stability and attendance: more is better.
  static let higherIsBetterNames = [
    "percent_good_or_better", "percent_good", "percent_outstanding", "percent_requires_improvement_or_better",
    "moderation_agreement", "recruits",
    "assessment_timeliness", "s47_within_15_days", "icpc_within_15_days", "icpc_new_referrals_in_time",
    "school_attendance", "post16_pep_completion", "ete_year12_13_children_in_care",
    "care_leavers_suitable_accommodation_19_21", "children_seen_in_assessment", "placement_stability_two_years",
    "long_term_foster_stability_two_years",
  ]

  /// The direction of a series (`workforce/turnover_rate/local_mi`, `audit/all_audits/percent_inadequate`).
  public static func of(series: String) -> MeasureDirection {
    for part in series.split(separator: "/") {
      if let direction = table[String(part)] { return direction }
    }
    return .none
  }

  /// `better`, `worse` or `unchanged` for a change, or `changed` when the measure has no direction.
  public func verdict(change: Double) -> String {
    if change == 0 { return "unchanged" }
    switch self {
    case .lowerIsBetter: return change < 0 ? "better" : "worse"
    case .higherIsBetter: return change > 0 ? "better" : "worse"
    case .none: return "changed"
    }
  }
}
