/// A calendar date (proleptic Gregorian), the unit every time in the domain is built from.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// The years the domain accepts; anything else is a typo or hostile input.
  public static let supportedYears = 1900...2100

  static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]

  /// Creates a date, checking the month and the day within that month.
  public init(year: Int, month: Int, day: Int) throws(DomainError) {
    guard Day.supportedYears.contains(year) else {
      throw DomainError(
        .invalidDate, "year \(year) is outside \(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound)")
    }
    guard (1...12).contains(month) else { throw DomainError(.invalidDate, "month \(month) does not exist") }
    let length = Day.length(ofMonth: month, year: year)
    guard (1...length).contains(day) else {
      throw DomainError(
        .invalidDate, "\(Day.monthNames[month - 1].capitalized) \(year) has \(length) days, not \(day)")
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses an ISO date `YYYY-MM-DD`.
  public init(iso text: String) throws(DomainError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { throw DomainError(.invalidDate, "invalid date '\(text)'; expected YYYY-MM-DD") }
    do { try self.init(year: y, month: m, day: d) } catch {
      throw DomainError(.invalidDate, "invalid date '\(text)': \(error.message)")
    }
  }

  /// Parses `30 September 2023` (day, month name, year).
  public init(words text: String) throws(DomainError) {
    let parts = text.lowercased().split(separator: " ")
    guard parts.count == 3, let d = Int(parts[0].filter(\.isNumber)),
      let m = Day.monthNames.firstIndex(of: String(parts[1])),
      let y = Int(parts[2])
    else { throw DomainError(.invalidDate, "invalid date '\(text)'; expected e.g. 30 September 2023") }
    do { try self.init(year: y, month: m + 1, day: d) } catch {
      throw DomainError(.invalidDate, "invalid date '\(text)': \(error.message)")
    }
  }

  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  /// The number of days in `month` of `year`.
  public static func length(ofMonth month: Int, year: Int) -> Int {
    [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
      return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"  // only a decoded, unchecked value
    }
    let digits = [
      year / 1000, year / 100 % 10, year / 10 % 10, year % 10, -1, month / 10, month % 10, -1, day / 10, day % 10,
    ]
    return String(decoding: digits.map { $0 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "0") + UInt8($0) }, as: UTF8.self)
  }

  public var description: String { iso }

  public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  /// The last day of the month this day is in.
  public var endOfMonth: Day { try! Day(year: year, month: month, day: Day.length(ofMonth: month, year: year)) }

  /// The first day of `month` of `year` (both already valid).
  static func first(_ year: Int, _ month: Int) -> Day { try! Day(year: year, month: month, day: 1) }

  /// The last day of `month` of `year` (both already valid).
  static func last(_ year: Int, _ month: Int) -> Day { first(year, month).endOfMonth }
}

extension Day {
  /// Decodes from and encodes to the ISO text.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    try self.init(iso: text)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}
