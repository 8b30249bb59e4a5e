import EventStore
import Foundation
import JourneyDomain
import Projections

/// Checks the text of record-time options.
enum TimestampText {
  /// `YYYY-MM-DD` optionally followed by `THH:MM[:SS[.sss]]Z`.
  static func isTimestampPrefix(_ text: String) -> Bool {
    let pattern = #"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$"#
    return text.range(of: pattern, options: .regularExpression) != nil
  }
}
