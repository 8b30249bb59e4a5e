import Foundation

/// A stretch of time with the precision its source gave it.
///
/// | text | meaning | interval |
/// |---|---|---|
/// | `2021-10-04` | a day | that day |
/// | `2021-10` | a month | 1st … last day |
/// | `2021` | a calendar year | 1 Jan … 31 Dec |
/// | `2021-22 Q3` | a council financial-year quarter (Q1 Apr–Jun … Q4 Jan–Mar) | 2021-10-01 … 2021-12-31 |
/// | `2021-22` | a financial year | 1 Apr 2021 … 31 Mar 2022 |
/// | `2023/24` | an academic year | 1 Sep 2023 … 31 Aug 2024 |
/// | `as at 2023-09-30` | a census date (input also `as at 30 September 2023`) | that day |
/// | `2021-02-01..2021-05-31` | an interval | from … to |
///
/// `Period(parsing: p.description) == p` for every period.
public enum Period: Sendable, Hashable, Codable, CustomStringConvertible {
  case day(Day)
  case month(year: Int, month: Int)
  case calendarYear(Int)
  /// Quarter 1…4 of the financial year starting 1 April `startYear`.
  case financialQuarter(startYear: Int, quarter: Int)
  case financialYear(startYear: Int)
  case academicYear(startYear: Int)
  case census(Day)
  case interval(Day, Day)

  /// Parses any form in the table above.
  ///
  /// - Throws: `DomainError` saying what was wrong and what forms are accepted.
  public init(parsing raw: String) throws(DomainError) {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text.lowercased().hasPrefix("as at ") {
      self = .census(try Period.censusDay(String(text.dropFirst(6))))
    } else if text.contains("..") {
      self = try Period.interval(text)
    } else if let quarter = text.range(of: " Q") ?? text.range(of: " q") {
      self = try Period.quarter(String(text[..<quarter.lowerBound]), String(text[quarter.upperBound...]), raw: text)
    } else if text.contains("/") {
      let start = try Period.yearPair(text, separator: "/", what: "academic year")
      self = .academicYear(startYear: start)
    } else {
      self = try Period.dashed(text)
    }
  }

  private static let forms =
    "expected a date (2021-10-04), month (2021-10), year (2021), financial year (2021-22), quarter (2021-22 Q3), academic year (2023/24), census date (as at 2023-09-30) or interval (2021-02-01..2021-05-31)"

  private static func censusDay(_ text: String) throws(DomainError) -> Day {
    if let day = try? Day(iso: text) { return day }
    return try Day(words: text)
  }

  private static func interval(_ text: String) throws(DomainError) -> Period {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2 else { throw DomainError(.invalidPeriod, "invalid interval '\(text)'; expected FROM..TO") }
    let from = try Day(iso: parts[0])
    let to = try Day(iso: parts[1])
    guard from <= to else { throw DomainError(.invalidPeriod, "invalid interval '\(text)': it ends before it starts") }
    return .interval(from, to)
  }

  private static func quarter(_ year: String, _ number: String, raw: String) throws(DomainError) -> Period {
    let start = try yearPair(year, separator: "-", what: "financial year")
    guard let q = Int(number), (1...4).contains(q) else {
      throw DomainError(.invalidPeriod, "invalid quarter '\(raw)': quarters run Q1 (April–June) to Q4 (January–March)")
    }
    return .financialQuarter(startYear: start, quarter: q)
  }

  /// `2021-22` or `2023/24`: the second year must follow the first.
  private static func yearPair(_ text: String, separator: Character, what: String) throws(DomainError) -> Int {
    let parts = text.split(separator: separator, omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let first = Int(parts[0]),
      let second = Int(parts[1])
    else { throw DomainError(.invalidPeriod, "invalid \(what) '\(text)'; \(forms)") }
    guard (first + 1) % 100 == second else {
      throw DomainError(
        .invalidPeriod,
        "invalid \(what) '\(text)': \(second) does not follow \(first) (expected \(first)\(separator)\(String(format: "%02d", (first + 1) % 100)))"
      )
    }
    guard Day.supportedYears.contains(first), Day.supportedYears.contains(first + 1) else {
      throw DomainError(
        .invalidPeriod,
        "invalid \(what) '\(text)': years must lie within \(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound)"
      )
    }
    return first
  }

  /// Day, month, calendar year, or financial year `2021-22`.
  private static func dashed(_ text: String) throws(DomainError) -> Period {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    switch parts.count {
    case 1:
      guard text.count == 4, let year = Int(text), Day.supportedYears.contains(year) else {
        throw DomainError(.invalidPeriod, "invalid period '\(text)'; \(forms)")
      }
      return .calendarYear(year)
    case 2:
      guard parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let n = Int(parts[1]) else {
        throw DomainError(.invalidPeriod, "invalid period '\(text)'; \(forms)")
      }
      // `2021-22` is a financial year; `2021-10` a month; `2011-12` reads as the financial year.
      if n == (y + 1) % 100 || n > 12 || n == 0 {
        return .financialYear(startYear: try yearPair(text, separator: "-", what: "financial year"))
      }
      _ = try Day(year: y, month: n, day: 1)
      return .month(year: y, month: n)
    case 3:
      return .day(try Day(iso: text))
    default:
      throw DomainError(.invalidPeriod, "invalid period '\(text)'; \(forms)")
    }
  }

  /// The canonical text.
  public var description: String {
    switch self {
    case .day(let d): d.iso
    case .month(let y, let m): Day.first(y, m).iso.prefix(7).description
    case .calendarYear(let y): String(y)
    case .financialQuarter(let y, let q): "\(y)-\(String(format: "%02d", (y + 1) % 100)) Q\(q)"
    case .financialYear(let y): "\(y)-\(String(format: "%02d", (y + 1) % 100))"
    case .academicYear(let y): "\(y)/\(String(format: "%02d", (y + 1) % 100))"
    case .census(let d): "as at \(d.iso)"
    case .interval(let a, let b): "\(a.iso)..\(b.iso)"
    }
  }

  /// The first and last day the period covers, inclusive.
  public var interval: (from: Day, to: Day) {
    switch self {
    case .day(let d), .census(let d): (d, d)
    case .month(let y, let m): (Day.first(y, m), Day.last(y, m))
    case .calendarYear(let y): (Day.first(y, 1), Day.last(y, 12))
    case .financialQuarter(let y, let q):
      q == 4 ? (Day.first(y + 1, 1), Day.last(y + 1, 3)) : (Day.first(y, 1 + 3 * q), Day.last(y, 3 + 3 * q))
    case .financialYear(let y): (Day.first(y, 4), Day.last(y + 1, 3))
    case .academicYear(let y): (Day.first(y, 9), Day.last(y + 1, 8))
    case .interval(let a, let b): (a, b)
    }
  }

  public init(from decoder: any Decoder) throws {
    try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
