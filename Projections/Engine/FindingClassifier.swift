import Foundation

/// A monitoring or focused visit's overall finding: progress, mixed or concern.
public enum VisitFinding: String, Sendable, Equatable, Codable, CaseIterable {
  case progress, mixed, concern

  /// The readiness value of a finding: progress 100, mixed 50, concern 0.
  public var score: Double {
    switch self {
    case .progress: 100
    case .mixed: 50
    case .concern: 0
    }
  }
}

/// Classifies a visit's findings as progress, mixed or concern from whole phrases, for visits
/// whose event does not carry the letter's own `finding`.
///
/// Words are matched whole (so "unstable" is not "stable"); a word of progress negated within
/// the three words before it ("not consistent", "has not been improved", "not good enough")
/// counts as concern, a negated word of concern ("no concerns") counts for nothing; phrases of hedging ("more to do", "too slow", "too much") count as concern.
/// Each clause (a sentence, split again at "but", "however" and after a "whilst …," opening)
/// is progress or concern; the findings are progress when every clause with a cue is progress,
/// concern when every one is concern, and mixed when they differ.
public enum FindingClassifier {
  /// Word stems that mark progress (a word matches when it starts with one).
  public static let progressStems = [
    "improv", "progress", "strength", "strong", "effective", "better", "stable", "stability", "good", "timely",
    "robust",
    "consistent", "positive", "purposeful",
  ]
  /// Whole words that mark progress (not stems: "well" but not "wellbeing").
  public static let progressWords: Set<String> = ["well"]
  /// Word stems that mark concern.
  public static let concernStems = [
    "variab", "inconsisten", "weak", "delay", "drift", "concern", "inadequate", "poor", "insufficient", "unstable",
    "instability", "slow", "ineffective", "fail", "worse", "deteriorat", "shortfall",
  ]
  /// Phrases that mark concern or hedge a claim of progress.
  public static let concernPhrases = ["more to do", "too much", "too slow", "not enough", "still not"]
  /// Phrases that contain a cue word but say nothing either way.
  public static let neutralPhrases = ["requires improvement", "as well as", "improvement plan", "improvement board"]
  /// Words that negate a cue within the three words after them.
  public static let negators: Set<String> = [
    "not", "no", "never", "nor", "without", "lack", "lacks", "lacking", "cannot",
  ]

  /// The finding of a visit's finding lines, or nil when no line carries a cue.
  public static func classify(_ lines: [String]) -> VisitFinding? {
    let tones = lines.flatMap(clauses).compactMap(tone)
    guard let first = tones.first else { return nil }
    return tones.allSatisfy { $0 == first } ? first : .mixed
  }

  /// The tone of one clause: concern if it holds any concern cue, else progress if it holds a
  /// progress cue, else nil.
  static func tone(_ clause: String) -> VisitFinding? {
    var text = " " + clause.lowercased() + " "
    for phrase in neutralPhrases { text = text.replacingOccurrences(of: phrase, with: " ") }
    if concernPhrases.contains(where: { text.contains(" \($0) ") || text.contains(" \($0)") }) { return .concern }
    let words = text.split { !$0.isLetter && $0 != "'" }.map(String.init)
    var progress = false
    for (i, word) in words.enumerated() {
      let negated = words[max(0, i - 3)..<i].contains { negators.contains($0) || $0.hasSuffix("n't") }
      if concernStems.contains(where: word.hasPrefix) {
        if negated { continue }  // "no concerns"
        return .concern
      }
      guard progressWords.contains(word) || progressStems.contains(where: word.hasPrefix) else { continue }
      if negated { return .concern }
      progress = true
    }
    return progress ? .progress : nil
  }

  /// A line split into clauses: sentences, then at "but" and "however", and after the comma that
  /// closes a "whilst", "while" or "although" opening.
  static func clauses(_ line: String) -> [String] {
    line.split(whereSeparator: { ".;:!?".contains($0) }).flatMap { sentence -> [String] in
      var text = String(sentence).trimmingCharacters(in: .whitespaces)
      let lower = text.lowercased()
      var parts: [String] = []
      if ["whilst ", "while ", "although ", "despite "].contains(where: lower.hasPrefix),
        let comma = text.firstIndex(of: ",")
      {
        parts.append(String(text[..<comma]))
        text = String(text[text.index(after: comma)...])
      }
      return parts + text.components(separatedBy: " but ").flatMap { $0.components(separatedBy: " however") }
    }
  }
}
