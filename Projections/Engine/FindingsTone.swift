import EventStore
import Foundation

/// The words that mark progress or concern in monitoring-visit findings (matched case-insensitively).
public enum FindingsTone {
  public static let positive = [
    "improvement", "improved", "progress", "strength", "effective", "better", "stable", "good", "timely", "robust",
  ]
  public static let negative = [
    "variab", "inconsistent", "too slow", "weak", "delay", "drift", "not yet", "concern", "inadequate", "poor",
    "insufficient",
  ]
}
