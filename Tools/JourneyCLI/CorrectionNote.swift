import EventStore
import Projections

/// How a corrected fact says so wherever its value is shown: `corrected from 17 by fix-1`.
enum CorrectionNote {
  /// The note for `fact`: the domain's own wording (`corrected from 17 (2022-07-05) by
  /// 000_….txt:12, 2022-09-27: reason`, or `revised from …` for a later release), citing the claim
  /// that changed it; nil when no claim changed it.
  static func text(_ fact: Fact) -> String? { fact.changeDescription(cite: Citation.short) }

  /// `display` followed by the change note of fact `id`, when a claim changed it:
  /// `18 cases (corrected from 17 (2022-07-05) by x.txt:3, 2022-09-27)`.
  static func annotated(_ display: String, id: String, facts: FactSet) -> String {
    guard let fact = facts[id: id], let note = text(fact) else { return display }
    return "\(display) (\(note))"
  }

  /// What the corrected fields held before: the old value alone when only `value` changed
  /// (`17`), else `field old` pairs (`unit percent, value 17`); nil when uncorrected.
  static func correctedFrom(_ fact: Fact) -> String? {
    guard !fact.corrections.isEmpty, case .object(let old)? = fact.original, case .object(let new) = fact.data else {
      return nil
    }
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
