import EventStore
import JourneyDomain
import Testing

/// One row of the validation table: an event line and the exact error it gets (nil when valid).
struct ValidationCase: Sendable, CustomTestStringConvertible {
  let name: String
  let line: String
  let error: String?
  var testDescription: String { name }
}

private func line(_ type: String, _ data: String, authority: String = "Trafford", extra: String = "") -> String {
  #"{"type":"\#(type)","authority":"\#(authority)","reported":"2022-07-05"\#(extra),"data":\#(data)}"#
}

@Suite("Event validation: valid and invalid input per type, with the exact error text")
struct EventValidationTests {
  static let cases: [ValidationCase] = [
    // ilacs_inspection
    ValidationCase(
      name: "ilacs: valid 2018 framework",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"short","fieldwork_start":"2019-03-04","fieldwork_end":"2019-03-08","published":"2019-05-08","judgements":{"overall_effectiveness":"Inadequate"}}"#
      ), error: nil),
    ValidationCase(
      name: "ilacs: alias Requires improvement",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2022-11-21","fieldwork_end":"2022-12-02","judgements":{"overall_effectiveness":"requires improvement"}}"#
      ), error: nil),
    ValidationCase(
      name: "ilacs: unknown grade",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2022-11-21","fieldwork_end":"2022-12-02","judgements":{"overall_effectiveness":"Very good"}}"#
      ),
      error:
        "line 1, field data.judgements.overall_effectiveness: unknown grade 'Very good'; expected one of Outstanding, Good, Requires improvement to be good, Inadequate"
    ),
    ValidationCase(
      name: "ilacs: care leavers before 2023",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2022-11-21","fieldwork_end":"2022-12-02","judgements":{"care_leavers":"Good"}}"#
      ),
      error:
        "line 1, field data.judgements.care_leavers: judgement area 'care_leavers' did not exist under the ilacs_2018 framework (fieldwork from 2022-11-21); expected one of overall_effectiveness, impact_of_leaders, help_and_protection, children_in_care_and_care_leavers"
    ),
    ValidationCase(
      name: "ilacs: overall effectiveness after the 2026 reform",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2026-05-11","fieldwork_end":"2026-05-22","judgements":{"overall_effectiveness":"Good"}}"#
      ),
      error:
        "line 1, field data.judgements.overall_effectiveness: judgement area 'overall_effectiveness' did not exist under the ilacs_2026 framework (fieldwork from 2026-05-11); expected one of impact_of_leaders, help_and_protection, children_in_care, care_leavers"
    ),
    ValidationCase(
      name: "ilacs: end before start",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2022-12-02","fieldwork_end":"2022-11-21","judgements":{"overall_effectiveness":"Good"}}"#
      ),
      error: "line 1, field data.fieldwork_end: fieldwork ends (2022-11-21) before it starts (2022-12-02)"),
    ValidationCase(
      name: "ilacs: publication before fieldwork",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2022-11-21","fieldwork_end":"2022-12-02","published":"2022-11-30","judgements":{"overall_effectiveness":"Good"}}"#
      ),
      error: "line 1, field data.published: publication 2022-11-30 is before the end of fieldwork 2022-12-02"),
    ValidationCase(
      name: "ilacs: missing field",
      line: line(
        "ilacs_inspection",
        #"{"inspection_type":"standard","fieldwork_start":"2022-11-21","judgements":{"overall_effectiveness":"Good"}}"#),
      error: "line 1, field data.fieldwork_end: missing; expected a date YYYY-MM-DD"),
    // monitoring_visit
    ValidationCase(
      name: "monitoring: valid",
      line: line(
        "monitoring_visit",
        #"{"ordinal":3,"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["children in care"],"letter_date":"2022-05-09"}"#
      ), error: nil),
    ValidationCase(
      name: "monitoring: letter before visit",
      line: line(
        "monitoring_visit",
        #"{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["x"],"letter_date":"2022-03-01"}"#),
      error: "line 1, field data.letter_date: the letter (2022-03-01) is dated before fieldwork ended (2022-03-11)"),
    ValidationCase(
      name: "monitoring: unknown field",
      line: line(
        "monitoring_visit",
        #"{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["x"],"grade":"Good"}"#),
      error:
        "line 1, field data.grade: unknown field for monitoring_visit; expected one of ordinal, fieldwork_start, fieldwork_end, focus, findings, letter_date, inspectors, finding, finding_quote, restates, notes"
    ),
    // focused visit, jtai, send
    ValidationCase(
      name: "focused: valid",
      line: line("focused_visit", #"{"fieldwork_start":"2021-03-09","fieldwork_end":"2021-03-10","theme":"Covid"}"#),
      error: nil),
    ValidationCase(
      name: "jtai: missing agencies",
      line: line("jtai", #"{"theme":"neglect","fieldwork_start":"2021-03-09","fieldwork_end":"2021-03-10"}"#),
      error: "line 1, field data.agencies: missing; expected an array of non-empty strings"),
    ValidationCase(
      name: "send: bad outcome",
      line: line(
        "send_area_inspection",
        #"{"fieldwork_start":"2024-06-01","fieldwork_end":"2024-06-05","outcome":"bad","priority_actions":6}"#,
        authority: "Bury"),
      error:
        "line 1, field data.outcome: expected one of positive, inconsistent, widespread_or_systemic_failings, got 'bad'"
    ),
    // visits scheduled and cancelled, meetings
    ValidationCase(
      name: "cancelled: valid",
      line: line(
        "visit_cancelled", #"{"visit_kind":"monitoring_visit","planned":"2020-03","reason":"Covid","postponed":true}"#),
      error: nil),
    ValidationCase(
      name: "scheduled: bad period",
      line: line("visit_scheduled", #"{"visit_kind":"monitoring_visit","planned":"2021-22 Q5"}"#),
      error:
        "line 1, field data.planned: invalid quarter '2021-22 Q5': quarters run Q1 (April–June) to Q4 (January–March)"),
    ValidationCase(
      name: "engagement meeting: valid", line: line("annual_engagement_meeting", #"{"date":"2022-05"}"#), error: nil),
    // DfE
    ValidationCase(
      name: "dfe review: valid",
      line: line("dfe_review", #"{"review_kind":"progress_review","period":"2021-02-01..2021-05-31"}"#), error: nil),
    ValidationCase(
      name: "intervention: bad instrument",
      line: line("intervention", #"{"action":"issued","instrument":"warning","date":"2022-01","service_area":"send"}"#),
      error:
        "line 1, field data.instrument: expected one of improvement_notice, statutory_direction, commissioner, got 'warning'"
    ),
    // workforce
    ValidationCase(
      name: "workforce: valid",
      line: line(
        "workforce_figure",
        #"{"measure":"turnover_rate","value":16.8,"unit":"percent","period":"2021-22","source_kind":"local_mi"}"#),
      error: nil),
    ValidationCase(
      name: "workforce: not available",
      line: line(
        "workforce_figure",
        #"{"measure":"turnover_rate","not_available":{"code":"c","reason":"confidential"},"unit":"percent","period":"as at 2023-09-30","source_kind":"dfe_statistics"}"#
      ), error: nil),
    ValidationCase(
      name: "workforce: percentage out of range",
      line: line(
        "workforce_figure",
        #"{"measure":"turnover_rate","value":116.8,"unit":"percent","period":"2021-22","source_kind":"local_mi"}"#),
      error: "line 1, field data.value: percentage 116.8 is outside 0–100"),
    ValidationCase(
      name: "workforce: both value and not available",
      line: line(
        "workforce_figure",
        #"{"measure":"agency_rate","value":3,"not_available":{"code":"c","reason":"x"},"unit":"percent","period":"2021-22","source_kind":"local_mi"}"#
      ),
      error: "line 1, field data.not_available: give exactly one of value and not_available"),
    // audits and indicators
    ValidationCase(
      name: "audit: valid",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_inadequate","value":21,"unit":"percent","period":"2021-22 Q3"}"#),
      error: nil),
    ValidationCase(
      name: "audit: percent measure with count unit",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_inadequate","value":21,"unit":"count","period":"2021-22 Q3"}"#),
      error: "line 1, field data.unit: measure percent_inadequate needs unit percent"),
    ValidationCase(
      name: "indicator: valid",
      line: line("performance_indicator", #"{"metric":"re_referrals","value":23,"unit":"percent","period":"2022-04"}"#),
      error: nil),
    ValidationCase(
      name: "indicator: a percentage increase may exceed 100",
      line: line(
        "performance_indicator", #"{"metric":"demand_increase","value":300,"unit":"percent","period":"2024-07"}"#),
      error: nil),
    ValidationCase(
      name: "indicator: a percentage level may not",
      line: line(
        "performance_indicator", #"{"metric":"re_referrals","value":300,"unit":"percent","period":"2024-07"}"#),
      error: "line 1, field data.value: percentage 300 is outside 0–100"),
    ValidationCase(
      name: "indicator: value not a number",
      line: line(
        "performance_indicator", #"{"metric":"re_referrals","value":"high","unit":"percent","period":"2022-04"}"#),
      error: "line 1, field data.value: expected a number, got string \"high\""),
    // values as stated: qualifiers, ranges, derived values
    ValidationCase(
      name: "indicator: range",
      line: line(
        "performance_indicator",
        #"{"metric":"re_referrals","value":19,"value_high":21,"qualifier":"range","unit":"percent","period":"2022-04"}"#
      ), error: nil),
    ValidationCase(
      name: "indicator: range without upper end",
      line: line(
        "performance_indicator",
        #"{"metric":"re_referrals","value":19,"qualifier":"range","unit":"percent","period":"2022-04"}"#),
      error: "line 1, field data.value_high: qualifier range needs value_high, the upper end of the range"),
    ValidationCase(
      name: "workforce: range upper end below value",
      line: line(
        "workforce_figure",
        #"{"measure":"caseload","value":22,"value_high":18,"qualifier":"range","unit":"cases_per_worker","period":"2022-04","source_kind":"local_mi"}"#
      ),
      error: "line 1, field data.value_high: value_high (18) must be above value (22)"),
    ValidationCase(
      name: "audit: range upper end equal to value",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_good_or_better","value":40,"value_high":40,"qualifier":"range","unit":"percent","period":"2022-04"}"#
      ),
      error: "line 1, field data.value_high: value_high (40) must be above value (40)"),
    ValidationCase(
      name: "audit: upper end without range",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_good_or_better","value":40,"value_high":45,"qualifier":"over","unit":"percent","period":"2022-04"}"#
      ),
      error: "line 1, field data.qualifier: value_high is the upper end of a range; give qualifier range"),
    ValidationCase(
      name: "audit: qualifier up to",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_inadequate","value":21,"qualifier":"up_to","unit":"percent","period":"2022-04"}"#
      ), error: nil),
    ValidationCase(
      name: "audit: derived with formula",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_requires_improvement_or_better","value":79,"unit":"percent","period":"2022-04","derived":true,"formula":"100 - inadequate","derived_from":["x"]}"#
      ), error: nil),
    ValidationCase(
      name: "audit: formula on a stated value",
      line: line(
        "audit_result",
        #"{"theme":"all_audits","measure":"percent_inadequate","value":21,"unit":"percent","period":"2022-04","formula":"100 - 79"}"#
      ),
      error: "line 1, field data.formula: formula describes a derived value; give derived true"),
    ValidationCase(
      name: "indicator: restates another event",
      line: line(
        "performance_indicator",
        #"{"metric":"re_referrals","value":23,"unit":"percent","period":"2022-04","restates":"x"}"#), error: nil),
    ValidationCase(
      name: "disagreement: restates is not a field",
      line: line("sources_disagree", #"{"events":["a","b"],"topic":"t","rule":"r","restates":"x"}"#),
      error:
        "line 1, field data.restates: unknown field for sources_disagree; expected one of events, topic, preferred, rule, notes"
    ),
    ValidationCase(
      name: "visit: finding",
      line: line(
        "monitoring_visit",
        #"{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["care"],"finding":"progress","finding_quote":"improving"}"#
      ), error: nil),
    ValidationCase(
      name: "visit: bad finding",
      line: line(
        "focused_visit", #"{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","theme":"t","finding":"good"}"#),
      error: "line 1, field data.finding: expected one of progress, mixed, concern, got 'good'"),
    ValidationCase(
      name: "milestone: planned appointment",
      line: line(
        "plan_milestone",
        #"{"milestone":"appointment","date":"2022-10","description":"new director","status":"planned"}"#), error: nil),
    ValidationCase(
      name: "milestone: bad status",
      line: line("plan_milestone", #"{"milestone":"governance","date":"2022-10","description":"d","status":"soon"}"#),
      error: "line 1, field data.status: expected one of done, planned, in_progress, delayed, got 'soon'"),
    // milestones, corrections
    ValidationCase(
      name: "milestone: valid",
      line: line("plan_milestone", #"{"milestone":"redesign_live","date":"2021-10-04","description":"live"}"#),
      error: nil),
    ValidationCase(
      name: "correction: empty fields", line: line("correction", #"{"target":"x","fields":{},"reason":"r"}"#),
      error: "line 1, field data.fields: expected at least one field to correct"),
    ValidationCase(
      name: "retraction: valid", line: line("retraction", #"{"target":"x","reason":"wrong authority"}"#), error: nil),
    ValidationCase(
      name: "disagreement: preferred not listed",
      line: line("sources_disagree", #"{"events":["a","b"],"topic":"t","preferred":"c","rule":"r"}"#),
      error: "line 1, field data.preferred: preferred event 'c' is not one of the events"),
    ValidationCase(
      name: "disagreement: one event", line: line("sources_disagree", #"{"events":["a"],"topic":"t","rule":"r"}"#),
      error: "line 1, field data.events: expected an array of at least 2 distinct event ids, got array [\"a\"]"),
    // envelope
    ValidationCase(
      name: "unknown type", line: line("monitoring_vist", "{}"),
      error: "line 1, field type: unknown event type 'monitoring_vist'; did you mean monitoring_visit?"),
    ValidationCase(
      name: "unknown authority",
      line: line("plan_milestone", #"{"milestone":"other","date":"2021","description":"d"}"#, authority: "Narnia"),
      error: "line 1, field authority: unknown authority 'Narnia'; did you mean Barnet?"),
    ValidationCase(
      name: "missing reported",
      line:
        #"{"type":"plan_milestone","authority":"Bury","data":{"milestone":"other","date":"2021","description":"d"}}"#,
      error: "line 1, field reported: missing; expected the date of the source that made the fact known (YYYY-MM-DD)"),
    ValidationCase(
      name: "bad source lines",
      line: line(
        "plan_milestone", #"{"milestone":"other","date":"2021","description":"d"}"#,
        extra: #","source":{"file":"f","lines":"9-3","quote":"q"}"#),
      error: "line 1, field source.lines: expected a line or range like 120 or 120-124"),
    ValidationCase(
      name: "year 99999",
      line: line("plan_milestone", #"{"milestone":"other","date":"99999-01-01","description":"d"}"#),
      error: "line 1, field data.date: invalid date '99999-01-01'; expected YYYY-MM-DD"),
  ]

  @Test("validation table", arguments: cases)
  func validate(_ c: ValidationCase) {
    do {
      _ = try EventLine.parse(try JSONParser.parse(c.line), line: 1)
      #expect(c.error == nil, "accepted, expected: \(c.error ?? "")")
    } catch {
      #expect((error as? DomainError)?.description == c.error, "\(error)")
    }
  }

  @Test("valid time follows each type's rule")
  func validTime() throws {
    let events = try EventLine.parseBatch(
      [
        line(
          "workforce_figure",
          #"{"measure":"turnover_rate","value":16.8,"unit":"percent","period":"2021-22 Q4","source_kind":"local_mi"}"#,
          extra: #","id":"a""#),
        line(
          "monitoring_visit", #"{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["x"]}"#,
          extra: #","id":"b""#),
        line("correction", #"{"target":"a","fields":{"value":16.9},"reason":"revised"}"#, extra: #","id":"c""#),
      ].joined(separator: "\n"))
    #expect(
      events.map(\.valid) == [
        ValidTime(from: "2022-01-01", to: "2022-03-31"), ValidTime(from: "2022-03-10", to: "2022-03-11"), nil,
      ])
    #expect(events[0].newEvent.stream == "la:358")
    #expect(events[0].newEvent.schemaVersion == 2)
    #expect(events[0].newEvent.meta["reported"] == "2022-07-05")
  }

  @Test("a batch with one bad line is refused whole, naming the line; references must resolve")
  func batch() {
    let good = line("plan_milestone", #"{"milestone":"other","date":"2021","description":"d"}"#, extra: #","id":"m1""#)
    let bad = line(
      "plan_milestone", #"{"milestone":"other","date":"2021-13-01","description":"d"}"#, extra: #","id":"m2""#)
    #expect(
      throws: DomainError(
        .invalidDate, "invalid date '2021-13-01': month 13 does not exist", field: "data.date", line: 3)
    ) {
      try EventLine.parseBatch([good, "", bad].joined(separator: "\n"))
    }
    let dangling = line("retraction", #"{"target":"nowhere","reason":"r"}"#, extra: #","id":"r1""#)
    #expect(
      throws: DomainError(
        .unresolvedReference, "refers to 'nowhere', which is neither in this input nor in the ledger", field: "data",
        line: 1)
    ) {
      try EventLine.parseBatch(dangling)
    }
    #expect((try? EventLine.parseBatch(dangling, knownID: { $0 == "nowhere" }))?.count == 1)
    #expect(throws: DomainError(.duplicateID, "id 'm1' is already used on line 1", field: "id", line: 2)) {
      try EventLine.parseBatch([good, good].joined(separator: "\n"))
    }
  }

  @Test("the upcaster turns old schema versions into the current one")
  func upcaster() throws {
    let v1: JSON = ["measure": "turnover_rate", "value": "16.8%", "period": "2021-22", "source_kind": "local_mi"]
    let (version, data) = try Upcaster.upcast(type: "workforce_figure", version: 1, data: v1)
    #expect(version == 2)
    #expect(
      data == [
        "measure": "turnover_rate", "value": 16.8, "unit": "percent", "period": "2021-22", "source_kind": "local_mi",
      ])
    let inspection = try Upcaster.upcast(
      type: "ilacs_inspection", version: 1, data: ["start": "2019-03-04", "end": "2019-03-08"])
    #expect(inspection.data == ["fieldwork_start": "2019-03-04", "fieldwork_end": "2019-03-08"])
    #expect(
      throws: DomainError(
        .newerSchema, "workforce_figure schema version 3 is newer than this journey knows (2)", hint: "upgrade journey")
    ) {
      try Upcaster.upcast(type: "workforce_figure", version: 3, data: v1)
    }
    let line =
      #"{"type":"workforce_figure","v":1,"authority":"Bury","reported":"2024-09-17","data":{"measure":"agency_rate","value":"40%","period":"2024-09","source_kind":"local_mi"}}"#
    #expect(try EventLine.parseBatch(line).first?.data["value"] == 40)
  }
}
