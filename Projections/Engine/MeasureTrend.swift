import EventStore

/// Trend of a series: the latest known value against the previous one.
public enum MeasureTrend {
  /// Lower values are better for these measures (from `MeasureDirection.table`).
  public static var lowerIsBetter: Set<String> {
    Set(MeasureDirection.table.filter { $0.value == .lowerIsBetter }.keys)
  }

  public static func trend(_ points: [MeasurePoint], series: String) -> Trend? {
    let known = points.filter { $0.value != nil }
    guard let latest = known.last else { return nil }
    let previous = known.dropLast().last { $0.to < latest.to }
    guard let previous, let a = previous.value, let b = latest.value else {
      return Trend(series: series, latest: latest, previous: nil, change: nil, direction: "single point")
    }
    let change = ((b - a) * 10).rounded() / 10
    let direction = MeasureDirection.of(series: series).verdict(change: change)
    return Trend(series: series, latest: latest, previous: previous, change: change, direction: direction)
  }
}
