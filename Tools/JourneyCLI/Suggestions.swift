import JourneyDomain

/// Near-miss suggestions by edit distance, for typos in commands, options and names.
public enum Suggestions {
  /// The candidates closest to `word` (case-insensitive), nearest first, within a sensible distance.
  public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(word.lowercased())
    let scored = candidates.map { ($0, distance(target, Array($0.lowercased()))) }
    let threshold = max(2, target.count / 3)
    return scored.filter { $0.1 <= threshold }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
      .prefix(limit).map(\.0)
  }

  /// The Levenshtein distance between two character arrays.
  public static func distance(_ a: [Character], _ b: [Character]) -> Int { EditDistance.between(a, b) }
}
