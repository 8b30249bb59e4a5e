import EventStore

/// What an inspection says about one judgement: its grade, or why it gives none.
public enum JudgementEntry: Sendable, Equatable, Codable {
  case grade(String)
  /// No grade, and why (never shown as a blank or a dash).
  case absent(reason: String)

  /// The grade, if any.
  public var grade: String? {
    if case .grade(let grade) = self { return grade }
    return nil
  }

  /// The grade, or "not graded: REASON".
  public var text: String {
    switch self {
    case .grade(let grade): grade
    case .absent(let reason): "not graded: \(reason)"
    }
  }

  /// A short form for narrow tables: `RI` for the grade, a short reason otherwise.
  public var short: String {
    switch self {
    case .grade(let grade): Grades.short(grade)
    case .absent(let reason): JudgementEntry.shortReason(reason)
    }
  }

  /// Short forms of the reasons the importer and the projection give, by a phrase they contain.
  static let shortReasons: [(phrase: String, short: String)] = [
    ("framework from April 2026", "not given from 2026"),
    ("no separate judgement before 2023", "not separate before 2023"),
    ("did not exist", "not yet a judgement"),
    ("not a judgement under", "not a judgement then"),
    ("could not read", "unreadable in source"),
    ("unreadable", "unreadable in source"),
    ("not extracted", "not extracted from source"),
    ("not stated", "not stated in source"),
    ("part of the combined judgement", "not separate before 2023"),
  ]

  /// The short form of a reason: a known phrase's, or the reason itself.
  public static func shortReason(_ reason: String) -> String {
    shortReasons.first { reason.contains($0.phrase) }?.short ?? reason
  }
}
