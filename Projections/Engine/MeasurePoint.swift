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

  /// The source document's file name and lines, in one line for tables.
  public var citation: String { Fact.provenance(metaText: metaText).citation }

  /// The verbatim quote from the source, if any.
  public var quote: String? { Fact.provenance(metaText: metaText).quote }

  /// The value with its unit and qualifier, as a person would write it (`16.8%`, `over 40%`).
  public var display: String {
    guard let value else { return "n/a" + (notAvailable.map { " (\($0))" } ?? "") }
    let number = value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.1f", value)
    let text: String
    switch unit {
    case "percent": text = number + "%"
    case "cases_per_worker": text = number + " cases"
    case "count", "": text = number
    default: text = number + " " + unit.replacingOccurrences(of: "_", with: " ")
    }
    return (qualifier.map { $0.replacingOccurrences(of: "_", with: " ") + " " } ?? "") + text
  }
}
