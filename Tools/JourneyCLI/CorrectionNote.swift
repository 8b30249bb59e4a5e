import EventStore
import Projections

/// How a corrected fact says so wherever its value is shown: `corrected from 17 by fix-1`.
enum CorrectionNote {
  /// The note for `fact` (`corrected from 17 by fix-1, x.txt:3`), or nil when no correction
  /// changed it; `sources` gives each correction's citation where known.
  static func text(_ fact: Fact, sources: [String: String] = [:]) -> String? {
    guard let from = correctedFrom(fact) else { return nil }
    let by = fact.corrections.map { id in sources[id].map { "\(id), \(Citation.short($0))" } ?? id }
    return "corrected from \(from) by \(by.joined(separator: "; "))"
  }

  /// `display` followed by the correction note of fact `id`, when a correction changed it:
  /// `18 cases (corrected from 17 by fix-1, x.txt:3)`.
  static func annotated(_ display: String, id: String, facts: FactSet, sources: [String: String]) -> String {
    guard let fact = facts[id: id], let note = text(fact, sources: sources) else { return display }
    return "\(display) (\(note))"
  }

  /// The citation of each correction applied to `facts`, read from the ledger (none when no fact
  /// was corrected, so an uncorrected answer reads nothing more).
  static func sources(of facts: [Fact], ledger: String) -> [String: String] {
    let ids = Set(facts.flatMap(\.corrections))
    guard !ids.isEmpty else { return [:] }
    return LedgerEvents.citations(ids: ids, ledger: ledger)
  }

  /// What the corrected fields held before: the old value alone when only `value` changed
  /// (`17`), else `field old` pairs (`unit percent, value 17`); nil when uncorrected.
  static func correctedFrom(_ fact: Fact) -> String? {
    guard !fact.corrections.isEmpty, case .object(let old)? = fact.original, case .object(let new) = fact.data else { return nil }
    let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    if changed == ["value"] { return display(old["value"]) }
    return changed.isEmpty ? "the same values" : changed.map { "\($0) \(display(old[$0]))" }.joined(separator: ", ")
  }

  /// A JSON value as a person reads it: `17`, `Good`, `none`.
  static func display(_ value: JSON?) -> String {
    switch value {
    case nil, .null?: "none"
    case .string(let text)?: text
    case .number(let n)?: n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
    case let other?: other.serialized()
    }
  }
}
