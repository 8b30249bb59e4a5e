import EventStore
import Foundation

/// Cross-field checks of the catalogue's types.
public enum Checks {
  /// The workforce measures the catalogue accepts.
  public static var workforceMeasureNames: [String] { workforceMeasures }

  static let workforceMeasures = [
    "turnover_rate", "agency_rate", "vacancy_rate", "caseload", "inpost", "starters", "leavers", "agency_workers",
    "vacancies",
    "case_holders", "cases", "absence_rate", "working_days_lost", "agency_cover", "agency_cover_rate",
    "vacancy_agency_cover_rate", "recruits", "agency_tenure", "exit_interviews", "social_workers",
  ]

  /// Fieldwork order, publication after fieldwork, areas of the framework, canonical grades.
  @Sendable static func inspection(_ d: inout [String: JSON]) throws(DomainError) {
    try visit(&d)
    let start = d["fieldwork_start"]!.stringValue!
    if let published = d["published"]?.stringValue, published < d["fieldwork_end"]!.stringValue! {
      throw DomainError(
        "publication \(published) is before the end of fieldwork \(d["fieldwork_end"]!.stringValue!)",
        field: "published")
    }
    let framework = Framework.inForce(on: start)
    guard case .object(let judgements) = d["judgements"]!,
      !judgements.isEmpty || !(d["judgements_absent"]?.objectValue?.isEmpty ?? true)
    else {
      throw DomainError("expected at least one judgement", field: "judgements")
    }
    var canonical: [String: JSON] = [:]
    var original: [String: JSON] = d["judgements_original"]?.objectValue ?? [:]
    for area in judgements.keys.sorted() {
      guard framework.areas.contains(area) else {
        throw DomainError(
          "judgement area '\(area)' did not exist under the \(framework.name) framework (fieldwork from \(start)); expected one of \(framework.areas.joined(separator: ", "))",
          field: "judgements.\(area)")
      }
      guard let text = judgements[area]?.stringValue, let grade = Grade.canonical(text) else {
        throw DomainError(
          "unknown grade '\(judgements[area]?.stringValue ?? judgements[area]!.serialized())'; expected one of \(Grade.all.joined(separator: ", "))",
          field: "judgements.\(area)")
      }
      canonical[area] = .string(grade)
      if grade != text { original[area] = .string(text) }
    }
    d["judgements"] = .object(canonical)
    d["judgements_original"] = original.isEmpty ? nil : .object(original)
  }

  /// Fieldwork ends on or after it starts; the letter comes after fieldwork.
  @Sendable static func visit(_ d: inout [String: JSON]) throws(DomainError) {
    let start = d["fieldwork_start"]!.stringValue!
    let end = d["fieldwork_end"]!.stringValue!
    guard start <= end else {
      throw DomainError("fieldwork ends (\(end)) before it starts (\(start))", field: "fieldwork_end")
    }
    if let letter = d["letter_date"]?.stringValue, letter < end {
      throw DomainError("the letter (\(letter)) is dated before fieldwork ended (\(end))", field: "letter_date")
    }
  }

  /// A value or a reason it is missing; percentages within 0–100; a range's upper end above its
  /// value; a formula or inputs only on a derived value.
  @Sendable static func figure(_ d: inout [String: JSON]) throws(DomainError) {
    try statedValue(d)
    let hasValue = d["value"] != nil
    if d["measure"] != nil && d["source_kind"] != nil {  // workforce: value xor not_available
      guard hasValue != (d["not_available"] != nil) else {
        throw DomainError("give exactly one of value and not_available", field: hasValue ? "not_available" : "value")
      }
    }
    // agency cover ÷ vacancies, and a percentage change ("a 300% increase in demand"), can exceed 100
    let metric = d["metric"]?.stringValue ?? ""
    let uncapped =
      d["measure"]?.stringValue == "vacancy_agency_cover_rate" || metric.hasSuffix("_increase")
      || metric.hasSuffix("_change")
    if d["unit"]?.stringValue == "percent", !uncapped, let value = d["value"]?.numberValue, !(0...100).contains(value) {
      throw DomainError("percentage \(JSON.number(value)) is outside 0–100", field: "value")
    }
    if let measure = d["measure"]?.stringValue, measure.hasPrefix("percent_") || measure == "moderation_agreement",
      d["unit"]?.stringValue != "percent"
    {
      throw DomainError("measure \(measure) needs unit percent", field: "unit")
    }
  }

  /// `value_high` goes with qualifier `range` and lies above `value`; `formula` and
  /// `derived_from` go with `derived: true`.
  static func statedValue(_ d: [String: JSON]) throws(DomainError) {
    let isRange = d["qualifier"]?.stringValue == "range"
    switch (isRange, d["value_high"]?.numberValue) {
    case (true, nil):
      throw DomainError("qualifier range needs value_high, the upper end of the range", field: "value_high")
    case (false, .some):
      throw DomainError("value_high is the upper end of a range; give qualifier range", field: "qualifier")
    case (true, let high?):
      guard let low = d["value"]?.numberValue else {
        throw DomainError("a range needs value, its lower end", field: "value")
      }
      guard high > low else {
        throw DomainError(
          "value_high (\(JSON.number(high))) must be above value (\(JSON.number(low)))", field: "value_high")
      }
      if d["unit"]?.stringValue == "percent", !(0...100).contains(high) {
        throw DomainError("percentage \(JSON.number(high)) is outside 0–100", field: "value_high")
      }
    case (false, nil): break
    }
    if d["derived"]?.boolValue != true {
      for key in ["formula", "derived_from"] where d[key] != nil {
        throw DomainError("\(key) describes a derived value; give derived true", field: key)
      }
    }
  }

  @Sendable static func correction(_ d: inout [String: JSON]) throws(DomainError) {
    guard let fields = d["fields"]?.objectValue, !fields.isEmpty else {
      throw DomainError("expected at least one field to correct", field: "fields")
    }
  }

  @Sendable static func disagreement(_ d: inout [String: JSON]) throws(DomainError) {
    let ids = d["events"]!.arrayValue!.compactMap(\.stringValue)
    if let preferred = d["preferred"]?.stringValue, !ids.contains(preferred) {
      throw DomainError("preferred event '\(preferred)' is not one of the events", field: "preferred")
    }
  }
}
