import EventStore

extension FactSet {
  /// The fields of a fieldwork window: the dates, and whether they stand in for a publication date.
  static let windowFields = ["fieldwork_start", "fieldwork_end", "period_basis"]

  /// Whether `claim` states the fieldwork window of `current` less precisely.
  ///
  /// It does when its window contains the current one and is wider ("March 2019", 1–31 March,
  /// after Ofsted's 4–8 March 2019), or when it gives no fieldwork dates at all (`period_basis:
  /// publication`) while the current payload does. A window that does not contain the current one
  /// is a different value, not a vaguer one: it replaces the current one as any later claim does.
  static func isVaguerWindow(_ claim: JSON, than current: JSON) -> Bool {
    guard current["period_basis"]?.stringValue != "publication",
      let start = current["fieldwork_start"]?.stringValue, let end = current["fieldwork_end"]?.stringValue
    else { return false }
    if claim["period_basis"]?.stringValue == "publication" { return true }
    guard let from = claim["fieldwork_start"]?.stringValue, let to = claim["fieldwork_end"]?.stringValue else {
      return false
    }
    return from <= start && end <= to && (from, to) != (start, end)
  }

  /// `merged` with the current fieldwork window put back where the claim states it less precisely:
  /// a later claim never loses exact dates to a vaguer statement of the same window.
  static func keepingPreciseWindow(_ merged: JSON, current: JSON, claim: JSON) -> JSON {
    guard isVaguerWindow(claim, than: current), case .object(var members) = merged else { return merged }
    for field in windowFields { members[field] = current[field] }
    return .object(members)
  }
}
