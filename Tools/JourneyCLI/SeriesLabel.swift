import EventStore
import Foundation
import JourneyDomain
import Projections

/// Readable names for series keys.
enum SeriesLabel {
  static func text(_ key: String) -> String {
    let parts = key.split(separator: "/").map { $0.replacingOccurrences(of: "_", with: " ") }
    switch parts.first {
    case "workforce": return parts.dropFirst().joined(separator: ", ")
    case "audit": return "audit " + parts.dropFirst().joined(separator: ", ")
    case "indicator": return parts.dropFirst().joined(separator: ", ")
    default: return key
    }
  }
}
