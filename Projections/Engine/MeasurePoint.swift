import EventStore

/// One value of a measured series: a workforce figure, an audit result or an indicator.
public struct MeasurePoint: Sendable, Equatable, Codable {
  public var id: String
  /// The series it belongs to, such as `workforce/turnover_rate/local_mi`.
  public var series: String
  public var stream: String
  /// The period as written (`2021-22 Q4`, `as at 2022-09-30`).
  public var period: String
  public var from: String
  public var to: String
  /// The value, or nil when the source says it is not available.
  public var value: Double?
  public var unit: String
  /// `over`, `around`, … when the source qualifies the value.
  public var qualifier: String?
  /// Why the value is missing (`c: confidential`), when it is.
  public var notAvailable: String?
  /// The sample size, where stated (audits).
  public var n: Int?
  public var derived: Bool
  public var reported: String?
  /// The event's metadata as stored: the citation and quote are decoded from it only when shown.
  public var metaText: String
  /// Ids of points from other sources that disagree with this one.
  public var conflicts: [String]
  /// Ids of corrections applied.
  public var corrections: [String]
  /// How this value replaced an earlier one (`revised from 17.8% (2024-02-29) by …`), if it did.
  public var change: String? = nil
  /// The upper end of a range the source states (`19–21%`: value 19, valueHigh 21).
  public var valueHigh: Double? = nil

  /// The value followed by what it revised or corrected, for tables and reports.
  public var displayWithChange: String { display + (change.map { " (\($0))" } ?? "") }

  /// The source document's file name and lines, in one line for tables.
  public var citation: String { Fact.provenance(metaText: metaText).citation }

  /// The verbatim quote from the source, if any.
  public var quote: String? { Fact.provenance(metaText: metaText).quote }

  /// The value with its unit and qualifier, as a person would write it (`16.8%`, `over 40%`,
  /// `10–12`).
  public var display: String {
    guard let value else { return "n/a" + (notAvailable.map { " (\($0))" } ?? "") }
    let number = { (v: Double) in v.rounded() == v && abs(v) < 1e9 ? String(Int(v)) : String(format: "%.1f", v) }
    let amount =
      qualifier == "range" ? valueHigh.map { number(value) + "–" + number($0) } ?? number(value) : number(value)
    let text: String
    switch unit {
    case "percent": text = amount + "%"
    case "cases_per_worker": text = amount + " cases"
    case "count", "": text = amount
    default: text = amount + " " + unit.replacingOccurrences(of: "_", with: " ")
    }
    let words = qualifier == "range" ? nil : qualifier.map { $0.replacingOccurrences(of: "_", with: " ") + " " }
    return (words ?? "") + text
  }

}

extension MeasurePoint {
  /// A point from its parts, for views and tests that build series by hand.
  public init(
    id: String, series: String, stream: String, period: String, from: String, to: String, value: Double?,
    unit: String, qualifier: String? = nil, notAvailable: String? = nil, n: Int? = nil, derived: Bool = false,
    reported: String? = nil, metaText: String, conflicts: [String] = [], corrections: [String] = [],
    valueHigh: Double? = nil
  ) {
    self.id = id
    self.series = series
    self.stream = stream
    self.period = period
    self.from = from
    self.to = to
    self.value = value
    self.unit = unit
    self.qualifier = qualifier
    self.notAvailable = notAvailable
    self.n = n
    self.derived = derived
    self.reported = reported
    self.metaText = metaText
    self.conflicts = conflicts
    self.corrections = corrections
    self.valueHigh = valueHigh
  }
}
