import EventStore

/// Trend of a series: the latest known value against the previous one.
public enum MeasureTrend {
  /// Lower values are better for these measures.
  public static let lowerIsBetter: Set<String> = [
    "turnover_rate", "agency_rate", "vacancy_rate", "caseload", "absence_rate", "percent_inadequate", "re_referrals",
    "leavers", "vacancies", "working_days_lost",
  ]

  public static func trend(_ points: [MeasurePoint], series: String) -> Trend? {
    let known = points.filter { $0.value != nil }
    guard let latest = known.last else { return nil }
    let previous = known.dropLast().last { $0.to < latest.to }
    guard let previous, let a = previous.value, let b = latest.value else {
      return Trend(series: series, latest: latest, previous: nil, change: nil, direction: "single point")
    }
    let change = ((b - a) * 10).rounded() / 10
    let lowerBetter = series.split(separator: "/").contains { lowerIsBetter.contains(String($0)) }
    let direction = change == 0 ? "unchanged" : (change < 0) == lowerBetter ? "better" : "worse"
    return Trend(series: series, latest: latest, previous: previous, change: change, direction: direction)
  }
}
