/// What to compare before and after: an authority, a visit's fieldwork and how far to look.
public struct BeforeAfterQuery: Sendable, Equatable {
  public var stream: String
  /// The first and last days of fieldwork (the same day for `--around DATE`).
  public var start: String
  public var end: String
  /// How many days to look before the start and after the end.
  public var windowDays: Int

  public init(stream: String, start: String, end: String, windowDays: Int) {
    (self.stream, self.start, self.end, self.windowDays) = (stream, start, end, windowDays)
  }

  /// The first day a reading before the visit may end on.
  public var windowStart: String { DayMath.iso((DayMath.dayNumber(start) ?? 0) - windowDays) }
  /// The last day a reading after the visit may end on.
  public var windowEnd: String { DayMath.iso((DayMath.dayNumber(end) ?? 0) + windowDays) }
}

/// One measure read before and after a visit, over periods of the same kind.
public struct BeforeAfterPair: Sendable, Equatable {
  public var series: String
  public var periodKind: PeriodKind
  public var before: MeasurePoint
  public var after: MeasurePoint
  /// After minus before, to one decimal.
  public var change: Double
  public var direction: MeasureDirection
  /// `better`, `worse`, `unchanged` or `changed` (a measure with no direction).
  public var verdict: String
  /// Days between the ends of the two periods.
  public var gapDays: Int
}

/// A reading that has no like-for-like reading on the other side of the visit.
public struct OneSidedReading: Sendable, Equatable {
  public var series: String
  public var point: MeasurePoint
}

/// Every measure around a visit: the like-for-like pairs, the readings with one side only, and
/// the nearest readings just outside the window.
public struct BeforeAfterComparison: Sendable, Equatable {
  public var query: BeforeAfterQuery
  public var pairs: [BeforeAfterPair]
  /// Readings within the window before the visit with no reading of the same kind after it.
  public var onlyBefore: [OneSidedReading]
  /// Readings within the window after the visit with no reading of the same kind before it.
  public var onlyAfter: [OneSidedReading]
  /// For a series read on one side only, the nearest reading of that kind on the other side
  /// just outside the window (within one more window), so the reader knows it exists.
  public var justOutside: [OneSidedReading]
}

/// Pairs each measure's nearest reading before a visit with its nearest reading after it.
///
/// Rules (docs/PROJECTIONS.md): only the same series (measure, theme, source kind and scope) and
/// the same kind of period are paired (quarter with quarter, financial year with financial year,
/// month with month); before is the latest reading whose period ended before fieldwork began and
/// at most the window earlier; after is the earliest whose period ended after fieldwork ended and
/// at most the window later. A reading without a counterpart is listed, not paired.
public enum BeforeAfter {
  /// The comparison for `query` over the measures in `facts`.
  public static func compare(_ facts: FactSet, _ query: BeforeAfterQuery) -> BeforeAfterComparison {
    var result = BeforeAfterComparison(query: query, pairs: [], onlyBefore: [], onlyAfter: [], justOutside: [])
    let series = MeasureSeries.series(facts, stream: query.stream)
    for key in series.keys.sorted() {
      let byKind = Dictionary(grouping: (series[key] ?? []).filter { $0.value != nil }, by: \.periodKind)
      for kind in byKind.keys.sorted(by: { $0.description < $1.description }) {
        add(key, byKind[kind] ?? [], query: query, to: &result)
      }
    }
    return result
  }

  /// Adds the pair, or the one-sided reading, of one series and one kind of period.
  static func add(
    _ key: String, _ points: [MeasurePoint], query: BeforeAfterQuery, to result: inout BeforeAfterComparison
  ) {
    let before = points.last { $0.to < query.start && $0.to >= query.windowStart }
    let after = points.first { $0.to > query.end && $0.to <= query.windowEnd }
    switch (before, after) {
    case (let b?, let a?): result.pairs.append(pair(key, b, a))
    case (let b?, nil):
      result.onlyBefore.append(OneSidedReading(series: key, point: b))
      let limit = DayMath.iso((DayMath.dayNumber(query.windowEnd) ?? 0) + query.windowDays)
      if let next = points.first(where: { $0.to > query.windowEnd && $0.to <= limit }) {
        result.justOutside.append(OneSidedReading(series: key, point: next))
      }
    case (nil, let a?):
      result.onlyAfter.append(OneSidedReading(series: key, point: a))
      let limit = DayMath.iso((DayMath.dayNumber(query.windowStart) ?? 0) - query.windowDays)
      if let previous = points.last(where: { $0.to < query.windowStart && $0.to >= limit }) {
        result.justOutside.append(OneSidedReading(series: key, point: previous))
      }
    case (nil, nil): break
    }
  }

  /// The pair of two readings of one series, with the change judged by the measure's direction.
  static func pair(_ key: String, _ before: MeasurePoint, _ after: MeasurePoint) -> BeforeAfterPair {
    let change = ((after.value! - before.value!) * 10).rounded() / 10
    let direction = MeasureDirection.of(series: key)
    return BeforeAfterPair(
      series: key, periodKind: before.periodKind, before: before, after: after, change: change, direction: direction,
      verdict: direction.verdict(change: change), gapDays: DayMath.days(from: before.to, to: after.to) ?? 0)
  }
}
