import EventStore
import Foundation
import JourneyDomain
import Projections

/// Human labels for judgement areas.
enum Areas {
  static let labels: [String: String] = [
    "overall_effectiveness": "Overall effectiveness", "impact_of_leaders": "Impact of leaders",
    "help_and_protection": "Help and protection",
    "children_in_care_and_care_leavers": "Children in care and care leavers",
    "children_in_care": "Children in care", "care_leavers": "Care leavers",
    "looked_after_and_permanence": "Looked after and permanence",
    "adoption": "Adoption", "leadership_management_governance": "Leadership, management and governance",
  ]
  static let order = [
    "overall_effectiveness", "impact_of_leaders", "leadership_management_governance", "help_and_protection",
    "children_in_care_and_care_leavers", "children_in_care", "looked_after_and_permanence", "care_leavers", "adoption",
  ]

  static func label(_ area: String) -> String { labels[area] ?? area }

  static func sorted(_ areas: some Sequence<String>) -> [String] {
    areas.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
  }
}
