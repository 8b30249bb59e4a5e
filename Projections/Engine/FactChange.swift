import EventStore

extension Fact {
  /// How the shown value came to replace an earlier one, in the words every view uses.
  ///
  /// For example `revised from 17.8% (2024-02-29) by csww_indicators_2017_to_2024.csv:2,
  /// 2025-02-27`; nil when no claim changed it.
  public var changeDescription: String? { changeDescription() }

  /// `changeDescription` with the citation written by `cite` (tables shorten file names).
  public func changeDescription(cite: (String) -> String = { $0 }) -> String? {
    guard let change = lastChange else { return nil }
    return changeNote(format: { replaced in valueText(of: replaced, comparedWith: change.replaced) }, cite: cite)
  }

  /// The sources that stated the shown value without changing it (`also stated by …`), or nil.
  public var corroborationDescription: String? {
    let others = corroborations.map {
      [$0.citation, $0.reported].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
    return others.isEmpty ? nil : "also stated by " + others.joined(separator: "; ")
  }

  /// A payload's value as views write it: a figure with its unit and qualifier, grades by area,
  /// or the fields that differ from the shown payload.
  func valueText(of payload: JSON, comparedWith replaced: JSON) -> String {
    var earlier = self
    earlier.data = payload
    earlier.claims = []
    if let point = MeasureSeries.point(earlier, facts: FactSet()) { return point.display }
    if let judgements = payload["judgements"]?.objectValue, judgements != data["judgements"]?.objectValue {
      return judgements.keys.sorted().map { "\($0) \(judgements[$0]?.stringValue ?? "?")" }.joined(separator: ", ")
    }
    guard case .object(let before) = payload, case .object(let now) = data else { return payload.serialized() }
    let changed = before.keys.sorted().filter { $0 != "restates" && before[$0] != now[$0] }
    return changed.map { "\($0) \(before[$0]!.stringValue ?? before[$0]!.serialized())" }.joined(separator: ", ")
  }
}
