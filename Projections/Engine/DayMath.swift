import Foundation

/// Calendar arithmetic on ISO dates (`YYYY-MM-DD`), for views that measure time between facts.
public enum DayMath {
  /// Days since 1970-01-01 of an ISO date, or nil when it is not one.
  public static func dayNumber(_ iso: String) -> Int? {
    let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    // Howard Hinnant's days_from_civil.
    let (y0, m, d) = (parts[0], parts[1], parts[2])
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The ISO date of a day number.
  public static func iso(_ dayNumber: Int) -> String {
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// Whole days from `a` to `b` (negative when `b` is earlier), or nil if either is not a date.
  public static func days(from a: String, to b: String) -> Int? {
    guard let x = dayNumber(a), let y = dayNumber(b) else { return nil }
    return y - x
  }

  /// `date` moved by `months` calendar months (day clamped to the month's length).
  public static func adding(months: Int, to date: String) -> String? {
    let parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    let total = parts[0] * 12 + (parts[1] - 1) + months
    let (y, m) = (total / 12, total % 12 + 1)
    let lengths = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let d = min(parts[2], lengths[m - 1])
    return iso(dayNumber(String(format: "%04d-%02d-%02d", y, m, d))!)
  }

  /// A duration in days as `2y 3m` / `5m` / `12d`.
  public static func describe(days: Int) -> String {
    if days < 62 { return "\(days)d" }
    let months = Int((Double(days) / 30.44).rounded())
    return months < 12 ? "\(months)m" : "\(months / 12)y \(months % 12)m"
  }
}
