/// The kind of period a figure describes: a month, a quarter, a financial year, ….
///
/// Two figures are compared only when their periods are of the same kind: 470 audits in calendar
/// 2021 and 420 in financial year 2021-22 describe different periods and are never set against
/// each other. The kind is read from the period's first and last days, so `2021-22 Q2` and
/// `2021-07-01..2021-09-30` are both quarters.
public enum PeriodKind: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One day: a figure "as at" a date.
  case day
  case month
  /// A financial-year quarter (April–June, July–September, October–December, January–March).
  case quarter
  /// 1 April to 31 March.
  case financialYear
  /// 1 January to 31 December.
  case calendarYear
  /// 1 September to 31 August.
  case academicYear
  /// Any other run of whole months (a six-month total, a rolling four months).
  case months(Int)
  /// Any other run of days.
  case days(Int)

  /// The kind of the period from `from` to `to` (ISO dates, both included).
  public static func of(from: String, to: String) -> PeriodKind {
    guard let a = DayMath.dayNumber(from), let b = DayMath.dayNumber(to), b >= a else { return .days(0) }
    if a == b { return .day }
    guard let months = wholeMonths(from: from, to: to) else { return .days(b - a + 1) }
    let startMonth = Int(from.dropFirst(5).prefix(2)) ?? 0
    switch (months, startMonth) {
    case (1, _): return .month
    case (3, 1), (3, 4), (3, 7), (3, 10): return .quarter
    case (12, 4): return .financialYear
    case (12, 1): return .calendarYear
    case (12, 9): return .academicYear
    default: return .months(months)
    }
  }

  /// The number of whole calendar months from `from` (a first of the month) to `to` (a last of the month).
  static func wholeMonths(from: String, to: String) -> Int? {
    guard from.hasSuffix("-01"), let end = DayMath.dayNumber(to), let next = DayMath.dayNumber(DayMath.iso(end + 1)),
      DayMath.iso(next).hasSuffix("-01"),
      let y0 = Int(from.prefix(4)), let m0 = Int(from.dropFirst(5).prefix(2)),
      let y1 = Int(to.prefix(4)), let m1 = Int(to.dropFirst(5).prefix(2))
    else { return nil }
    return (y1 - y0) * 12 + (m1 - m0) + 1
  }

  /// The kind in words: `quarter`, `financial year`, `6-month period`.
  public var description: String {
    switch self {
    case .day: "day"
    case .month: "month"
    case .quarter: "quarter"
    case .financialYear: "financial year"
    case .calendarYear: "calendar year"
    case .academicYear: "academic year"
    case .months(let n): "\(n)-month period"
    case .days(let n): "\(n)-day period"
    }
  }
}

extension MeasurePoint {
  /// The kind of period the point describes.
  public var periodKind: PeriodKind { PeriodKind.of(from: from, to: to) }
}
