import EventStore

/// Every event type the domain knows, with its schema version, fields, valid-time rule and checks.
///
/// `docs/EVENTS.md` documents each with an example; `journey types` lists them.
public enum EventCatalogue {
  static let fieldwork = [
    FieldSpec("fieldwork_start", .date, "first day on site"), FieldSpec("fieldwork_end", .date, "last day on site"),
  ]
  static let serviceAreas = ["childrens_social_care", "send", "education"]
  static let sourceKinds = ["dfe_statistics", "local_mi", "figure_given_to_ofsted", "ofsted_data"]
  static let qualifiers = ["over", "under", "around", "at_least", "up_to", "approximately", "range"]
  /// How a figure relates to the value the source states: the qualifier, a range's upper end, and
  /// whether we computed it rather than read it.
  static let valueAsStated = [
    FieldSpec(
      "qualifier", .choice(qualifiers), required: false,
      "as the source writes it: over, up to, at least, …; range needs value_high"),
    FieldSpec(
      "value_high", .number, required: false, "the upper end when qualifier is range (19–21%: value 19, value_high 21)"),
    FieldSpec(
      "derived", .boolean, required: false,
      "a value we computed, not one the source states; never shown in a series as if stated"),
    FieldSpec("formula", .text, required: false, "how a derived value was computed, e.g. 100 − inadequate"),
    FieldSpec("derived_from", .eventIDs(min: 1), required: false, "the events a derived value was computed from"),
  ]
  /// A visit letter's own overall finding, as the source states it.
  static let visitFinding = [
    FieldSpec(
      "finding", .choice(["progress", "mixed", "concern"]), required: false,
      "the letter's own overall finding, as the source states it"),
    FieldSpec("finding_quote", .text, required: false, "the sentence that states the finding, verbatim"),
  ]
  /// Links a claim to an earlier claim of the same fact (added to every fact-stating type).
  static let restates = FieldSpec(
    "restates", .eventID, required: false,
    "this event states the same fact as event X: another source or another release")
  static let units = [
    "percent", "fte", "headcount", "cases_per_worker", "count", "days", "weeks", "months", "ratio", "rate_per_10000",
  ]

  /// The catalogue, in documentation order: the fact-stating types (each may `restates` an
  /// earlier claim), then the types that speak about other events.
  public static let all: [EventTypeSpec] = factStating.map(addingRestates) + aboutEvents

  /// Types that state a fact about an authority.
  static let factStating: [EventTypeSpec] = [
    EventTypeSpec(
      "ilacs_inspection", version: 2, "an Ofsted inspection of local authority children's services and its judgements",
      fields: [
        FieldSpec(
          "inspection_type", .choice(["standard", "short", "sif", "unknown"]),
          "ILACS standard or short; sif before 2018; unknown when the source does not say")
      ]
        + fieldwork + [
          FieldSpec("published", .date, required: false, "report publication date, when a source states it"),
          FieldSpec("lead_inspector", .text, required: false),
          FieldSpec(
            "judgements", .judgements, "area → grade; areas must exist under the framework in force at fieldwork start"),
          FieldSpec(
            "judgements_original", .object, required: false,
            "the grade texts as the source wrote them, where they differed"),
          FieldSpec(
            "judgements_absent", .object, required: false,
            "area → why the source gives no grade (not yet a judgement, no longer reported, unreadable)"),
          FieldSpec(
            "period_basis", .choice(["fieldwork", "publication"]), required: false,
            "what fieldwork_start and fieldwork_end are: the fieldwork dates (absent = fieldwork), or the publication date when the source gives no fieldwork dates"
          ),
        ],
      valid: .fieldwork, check: Checks.inspection),
    EventTypeSpec(
      "monitoring_visit", "an Ofsted monitoring visit after an inadequate judgement (no grade)",
      fields: [FieldSpec("ordinal", .integer(1...20), required: false, "Ofsted's number for the visit")] + fieldwork + [
        FieldSpec("focus", .texts, "the areas the visit looked at"),
        FieldSpec("findings", .texts, required: false, "headline findings from the letter"),
        FieldSpec("letter_date", .date, required: false), FieldSpec("inspectors", .integer(1...20), required: false),
      ] + visitFinding,
      valid: .fieldwork, check: Checks.visit),
    EventTypeSpec(
      "focused_visit", "an Ofsted focused visit on one theme (no grade)",
      fields: fieldwork + [
        FieldSpec("theme", .text), FieldSpec("findings", .texts, required: false),
        FieldSpec("letter_date", .date, required: false),
        FieldSpec("inspectors", .integer(1...20), required: false),
      ] + visitFinding,
      valid: .fieldwork, check: Checks.visit),
    EventTypeSpec(
      "jtai", "a joint targeted area inspection (Ofsted, CQC, HMICFRS; no grade)",
      fields: [FieldSpec("theme", .text), FieldSpec("agencies", .texts)] + fieldwork + [
        FieldSpec("letter_date", .date, required: false), FieldSpec("findings", .texts, required: false),
      ],
      valid: .fieldwork, check: Checks.visit),
    EventTypeSpec(
      "send_area_inspection", "an area SEND inspection (Ofsted with CQC) and its outcome",
      fields: fieldwork + [
        FieldSpec("published", .date, required: false),
        FieldSpec("outcome", .choice(["positive", "inconsistent", "widespread_or_systemic_failings"])),
        FieldSpec("priority_actions", .integer(0...50)),
        FieldSpec("areas_for_improvement", .integer(0...50), required: false),
        FieldSpec("findings", .texts, required: false),
      ],
      valid: .fieldwork, check: Checks.visit),
    EventTypeSpec(
      "annual_engagement_meeting", "the annual engagement meeting (\"annual conversation\") with Ofsted",
      fields: [FieldSpec("date", .period), FieldSpec("summary", .text, required: false)], valid: .period("date")),
    EventTypeSpec(
      "visit_scheduled", "a visit or inspection known to be planned",
      fields: [
        FieldSpec(
          "visit_kind",
          .choice([
            "monitoring_visit", "focused_visit", "ilacs_inspection", "jtai", "send_area_inspection", "dfe_review",
          ])),
        FieldSpec("planned", .period), FieldSpec("ordinal", .integer(1...20), required: false),
      ],
      valid: .period("planned")),
    EventTypeSpec(
      "visit_cancelled", "a planned visit that was cancelled or postponed, and why",
      fields: [
        FieldSpec(
          "visit_kind",
          .choice([
            "monitoring_visit", "focused_visit", "ilacs_inspection", "jtai", "send_area_inspection", "dfe_review",
          ])),
        FieldSpec("planned", .period), FieldSpec("reason", .text), FieldSpec("postponed", .boolean),
      ],
      valid: .period("planned")),
    EventTypeSpec(
      "dfe_review", "a DfE progress review, adviser visit, highlight report or six-monthly review",
      fields: [
        FieldSpec(
          "review_kind",
          .choice(["progress_review", "adviser_visit", "highlight_report", "six_monthly_review", "commissioner_review"])
        ),
        FieldSpec("period", .period), FieldSpec("conclusions", .texts, required: false),
      ],
      valid: .period("period")),
    EventTypeSpec(
      "intervention", "a DfE intervention instrument: announced, issued, revised or lifted",
      fields: [
        FieldSpec("action", .choice(["announced", "issued", "revised", "lifted"])),
        FieldSpec("instrument", .choice(["improvement_notice", "statutory_direction", "commissioner"])),
        FieldSpec("date", .period), FieldSpec("service_area", .choice(serviceAreas)),
        FieldSpec("supersedes", .eventID, required: false, "the instrument this one replaces"),
        FieldSpec("summary", .text, required: false),
      ],
      valid: .period("date")),
    EventTypeSpec(
      "workforce_figure", version: 2, "a workforce figure: turnover, agency rate, vacancies, caseload, …",
      fields: [
        FieldSpec("measure", .choice(Checks.workforceMeasures)),
        FieldSpec("value", .number, required: false, "the figure; or give not_available"),
        FieldSpec(
          "not_available", .notAvailable, required: false, "why there is no figure (DfE codes c, x, z, u, low)"),
        FieldSpec("unit", .choice(units)), FieldSpec("period", .period),
        FieldSpec("scope", .text, required: false, "a team or service, when not the whole authority"),
        FieldSpec("basis", .choice(["fte", "headcount"]), required: false),
        FieldSpec("source_kind", .choice(sourceKinds)),
        FieldSpec("numerator", .number, required: false), FieldSpec("denominator", .number, required: false),
      ] + valueAsStated,
      valid: .period("period"), check: Checks.figure),
    EventTypeSpec(
      "audit_result", "a case-file audit result for a period and theme",
      fields: [
        FieldSpec("theme", .text, "all_audits, plans, supervision, …"),
        FieldSpec(
          "measure",
          .choice([
            "percent_good_or_better", "percent_requires_improvement_or_better", "percent_inadequate",
            "percent_requires_improvement", "count",
            "moderation_agreement", "percent_good", "percent_outstanding",
          ]), "percent_good where the source says only \"good\" (it is not good or better)"),
        FieldSpec("value", .number), FieldSpec("unit", .choice(["percent", "count"])),
        FieldSpec("n", .integer(0...1_000_000), required: false),
        FieldSpec("period", .period),
        FieldSpec("year_inferred", .text, required: false, "why the year was inferred when the source omits it"),
      ] + valueAsStated,
      valid: .period("period"), check: Checks.figure),
    EventTypeSpec(
      "performance_indicator", "a performance indicator: re-referrals, child protection plans, …",
      fields: [
        FieldSpec("metric", .text, "snake_case, e.g. re_referrals"), FieldSpec("value", .number),
        FieldSpec("unit", .choice(units)),
        FieldSpec("period", .period), FieldSpec("scope", .text, required: false),
        FieldSpec("year_inferred", .text, required: false),
      ] + valueAsStated,
      valid: .period("period"), check: Checks.figure),
    EventTypeSpec(
      "plan_milestone", "an improvement plan milestone: plan produced, redesign live, board meeting, …",
      fields: [
        FieldSpec(
          "milestone",
          .choice([
            "plan_produced", "redesign_live", "board_meeting", "service_launched", "other", "appointment",
            "board_established", "restructure",
            "service_redesign", "audit_programme", "governance", "inspection_preparation",
          ])),
        FieldSpec("date", .period), FieldSpec("description", .text),
        FieldSpec(
          "status", .choice(["done", "planned", "in_progress", "delayed"]), required: false, "absent means done"),
      ],
      valid: .period("date")),
  ]

  /// Types that correct, withdraw or link other events; they state no fact of their own.
  static let aboutEvents: [EventTypeSpec] = [
    EventTypeSpec(
      "correction", "supersedes named fields of an earlier event (which is never edited)",
      fields: [
        FieldSpec("target", .eventID), FieldSpec("fields", .object, "field → new value"), FieldSpec("reason", .text),
      ],
      valid: .none, check: Checks.correction),
    EventTypeSpec(
      "retraction", "withdraws an earlier event (which stays in the log)",
      fields: [FieldSpec("target", .eventID), FieldSpec("reason", .text)], valid: .none),
    EventTypeSpec(
      "sources_disagree", "records that sources disagree, and which claim a view shows",
      fields: [
        FieldSpec("events", .eventIDs(min: 2)), FieldSpec("topic", .text),
        FieldSpec("preferred", .eventID, required: false, "the claim views show"), FieldSpec("rule", .text, "why"),
      ],
      valid: .none, check: Checks.disagreement),
  ]

  /// `spec` with the optional `restates` field, placed before `notes`.
  static func addingRestates(_ spec: EventTypeSpec) -> EventTypeSpec {
    var spec = spec
    spec.fields.insert(restates, at: spec.fields.count - 1)
    return spec
  }

  private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

  /// The spec of `type`, or a `DomainError` naming the nearest known type.
  public static func spec(_ type: String) throws(DomainError) -> EventTypeSpec {
    if let spec = byName[type] { return spec }
    let nearest = all.map(\.name).min {
      AuthorityRegistry.distance(Array(type), Array($0)) < AuthorityRegistry.distance(Array(type), Array($1))
    }
    throw DomainError(
      .unknownEventType, "unknown event type '\(type)'" + (nearest.map { "; did you mean \($0)?" } ?? ""),
      field: "type",
      hint: "'journey types' lists the event types")
  }
}
