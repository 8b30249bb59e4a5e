import EventStore
import Foundation

/// An Ofsted inspection framework and the judgement areas it has.
public struct Framework: Sendable, Equatable {
  public var name: String
  /// Fieldwork starting on or after this date falls under the framework (until the next one).
  public var from: String
  public var areas: [String]

  /// The frameworks in force over time, oldest first.
  public static let all = [
    Framework(
      name: "sif", from: "1900-01-01",
      areas: [
        "overall_effectiveness", "help_and_protection", "looked_after_and_permanence", "adoption", "care_leavers",
        "leadership_management_governance",
      ]),
    Framework(
      name: "ilacs_2018", from: "2018-01-01",
      areas: ["overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care_and_care_leavers"]),
    Framework(
      name: "ilacs_2023", from: "2023-01-01",
      areas: ["overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"]),
    Framework(
      name: "ilacs_2026", from: "2026-04-01",
      areas: ["impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"]),
  ]

  /// The framework in force for fieldwork starting on `date` (ISO).
  public static func inForce(on date: String) -> Framework { all.last { $0.from <= date }! }
}
