import EventStore

/// Checks of one event recorded by hand (`journey record`, `journey correct`) that need more than
/// the event itself: its dates against each other, and a correction against the event it corrects.
public enum RecordingChecks {
  /// Types whose valid time may lie after the date they were reported: plans and schedules.
  static let forwardLooking: Set = ["visit_scheduled", "visit_cancelled"]

  /// Refuses an event reported before it began (a visit reported before its fieldwork), except
  /// for what looks ahead: scheduled or cancelled visits and plan milestones not yet done.
  public static func reportedNotBeforeEvent(_ event: DomainEvent) throws(DomainError) {
    guard let from = event.valid?.from, event.reported.iso < from, !looksAhead(event) else { return }
    throw DomainError(
      "reported \(event.reported.iso) is before the event it reports (which starts \(from))", field: "reported",
      hint: "the reported date is the date of the source that made the fact known; check both dates")
  }

  private static func looksAhead(_ event: DomainEvent) -> Bool {
    if forwardLooking.contains(event.type) { return true }
    guard event.type == "plan_milestone" else { return false }
    return (event.data["status"]?.stringValue ?? "done") != "done"
  }

  /// Checks a correction's `fields` against the event it corrects: each field is one the target's
  /// type has, the corrected payload is valid for that type, the authority is the target's, and
  /// the correction is not reported before the target was.
  public static func correction(_ correction: DomainEvent, target: CorrectionTarget) throws(DomainError) {
    guard !["correction", "retraction", "sources_disagree"].contains(target.type) else {
      throw DomainError(
        "'\(target.id)' is a \(target.type), which cannot be corrected", field: "target",
        hint: "correct the fact it names instead")
    }
    guard correction.authority.stream == target.stream else {
      throw DomainError(
        "'\(target.id)' belongs to \(target.stream), not \(correction.authority.stream)", field: "authority")
    }
    try correctedPayload(correction.data["fields"]?.objectValue ?? [:], target: target)
    if let reported = target.reported, correction.reported < reported {
      throw DomainError(
        "reported \(correction.reported.iso) is before '\(target.id)' was reported (\(reported.iso)); a correction comes after what it corrects",
        field: "reported")
    }
  }

  /// Validates the target's payload with `fields` applied, naming the field at fault.
  private static func correctedPayload(_ fields: [String: JSON], target: CorrectionTarget) throws(DomainError) {
    let spec = try EventCatalogue.spec(target.type)
    for name in fields.keys.sorted() where !spec.fields.contains(where: { $0.name == name }) {
      throw DomainError(
        .unknownField,
        "unknown field for \(target.type); expected one of \(spec.fields.map(\.name).joined(separator: ", "))",
        field: "data.fields.\(name)")
    }
    guard case .object(var members) = target.data else { return }
    for (name, value) in fields { members[name] = value }
    do { _ = try spec.validate(.object(members)) } catch {
      throw DomainError(
        error.code, error.message,
        field: error.field.map { $0.replacingOccurrences(of: "data.", with: "data.fields.") } ?? "data.fields")
    }
  }
}
