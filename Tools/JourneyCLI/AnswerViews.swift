import EventStore
import Projections

/// Tables, lines and JSON for the answers the projections compute (before/after, readiness,
/// inspection status, monitoring cycles, intervals): formatting only, no rule.
enum AnswerViews {
  // MARK: - Before and after a visit

  /// `16.8% (2021-22 Q4)`.
  static func reading(_ p: MeasurePoint) -> String { "\(p.display) (\(p.period))" }

  /// The like-for-like pairs as a table, with the window, the one-sided readings and those just
  /// outside the window as notes.
  static func comparisonTable(_ c: BeforeAfterComparison, title: String) -> Table {
    let rows = c.pairs.map { p in
      [
        SeriesLabel.text(p.series), p.periodKind.description, reading(p.before), reading(p.after),
        String(format: "%+.1f", p.change), p.verdict, "\(p.gapDays) days",
      ]
    }
    return Table(
      title: title, columns: ["Measure", "Period", "Before", "After", "Change", "Verdict", "Gap"], rows: rows,
      notes: comparisonNotes(c))
  }

  /// The window, then one line each for readings on one side only and just outside the window.
  static func comparisonNotes(_ c: BeforeAfterComparison) -> [String] {
    var notes = [windowText(c)]
    if c.pairs.isEmpty { notes.append("No measure was read on both sides of the visit over the same kind of period.") }
    if !c.onlyBefore.isEmpty { notes.append("Measured only before: " + oneSided(c.onlyBefore) + ".") }
    if !c.onlyAfter.isEmpty { notes.append("Measured only after: " + oneSided(c.onlyAfter) + ".") }
    if !c.justOutside.isEmpty { notes.append("Just outside the window: " + oneSided(c.justOutside) + ".") }
    notes.append(
      "Pairs compare the same measure over the same kind of period; better or worse follows the measure's direction (lower turnover is better)."
    )
    return notes
  }

  static func windowText(_ c: BeforeAfterComparison) -> String {
    let q = c.query
    return
      "Window: readings whose period ended from \(q.windowStart) to \(q.start) (before) and from \(q.end) to \(q.windowEnd) (after), \(q.windowDays) days either side of fieldwork."
  }

  static func oneSided(_ readings: [OneSidedReading]) -> String {
    readings.map { "\(SeriesLabel.text($0.series)) \(reading($0.point))" }.joined(separator: "; ")
  }

  static func comparisonJSON(_ c: BeforeAfterComparison) -> JSON {
    func side(_ r: [OneSidedReading]) -> JSON {
      .array(r.map { ["series": .string($0.series), "point": ViewJSON.point($0.point)] })
    }
    return [
      "window": [
        "before_from": .string(c.query.windowStart), "after_to": .string(c.query.windowEnd),
        "days": .number(Double(c.query.windowDays)),
      ],
      "pairs": .array(
        c.pairs.map { p in
          [
            "series": .string(p.series), "period_kind": .string(p.periodKind.description),
            "before": ViewJSON.point(p.before),
            "after": ViewJSON.point(p.after), "change": .number(p.change), "direction": .string(p.direction.rawValue),
            "verdict": .string(p.verdict), "gap_days": .number(Double(p.gapDays)),
          ]
        }),
      "only_before": side(c.onlyBefore), "only_after": side(c.onlyAfter), "just_outside": side(c.justOutside),
    ]
  }

  // MARK: - Readiness

  /// `62 / 100 (5 of 6 components have evidence)` or `no single score (1 of 6 components have evidence; …)`.
  static func readinessHeadline(_ score: ReadinessScore) -> String {
    guard let value = score.score else { return "no single score (\(score.evidenceSummary))" }
    return String(format: "%.0f / 100", value) + " (\(score.evidenceSummary))"
  }

  // MARK: - Inspection status and monitoring

  static func statusJSON(_ status: InspectionStatus, name: String) -> JSON {
    [
      "statement": .string(status.statement(name)), "inspections_held": .number(Double(status.inspectionsHeld)),
      "pending": .array(status.pending.map(ViewJSON.inspection)),
      "in_force_text": ViewJSON.string(status.inForce?.sinceText),
    ]
  }

  /// One line per cycle with monitoring visits:
  /// `After the inspection of 2019-03-01…2019-03-31: 4 monitoring visits (…); next: …`.
  static func cycleLines(_ cycles: [MonitoringCycle]) -> [String] {
    cycles.filter { !$0.visits.isEmpty }.map { c in
      let visits = c.visits.map(\.date).joined(separator: ", ")
      return
        "After the inspection of \(c.inspection.fieldworkStart)…\(c.inspection.fieldworkEnd): \(c.visits.count) monitoring visit\(c.visits.count == 1 ? "" : "s")"
        + (visits.isEmpty ? "" : " (\(visits))") + "; next: \(c.nextText)."
    }
  }

  static func cyclesJSON(_ cycles: [MonitoringCycle]) -> JSON {
    .array(
      cycles.map { c in
        [
          "inspection": .string(c.inspection.id), "fieldwork_end": .string(c.inspection.fieldworkEnd),
          "visits": .array(c.visits.map { .string($0.id) }), "visit_count": .number(Double(c.visits.count)),
          "next": ViewJSON.string(c.next?.id), "next_text": .string(c.nextText),
        ]
      })
  }

  // MARK: - Intervals

  static func intervalsTable(_ intervals: [JourneyInterval]) -> Table {
    let rows = intervals.map { i in
      [
        i.kind.rawValue, i.from, i.to, String(i.days), i.longest ? "longest" : "",
        i.fromID == i.toID ? i.fromID : "\(i.fromID) → \(i.toID)",
      ]
    }
    let longest = intervals.filter(\.longest).map {
      "longest \($0.kind.rawValue): \($0.days) days (\($0.from) to \($0.to))"
    }
    return Table(
      title: "Intervals (days)", columns: ["Between", "From", "To", "Days", "", "Facts"], rows: rows,
      notes: longest.isEmpty ? [] : [longest.joined(separator: "; ").capitalizedFirstLetter + "."])
  }

  static func intervalsJSON(_ intervals: [JourneyInterval]) -> JSON {
    .array(
      intervals.map { i in
        [
          "kind": .string(i.kind.rawValue), "from_id": .string(i.fromID), "to_id": .string(i.toID),
          "from": .string(i.from),
          "to": .string(i.to), "days": .number(Double(i.days)), "longest": .bool(i.longest),
        ]
      })
  }
}

extension String {
  /// The string with its first letter upper-cased.
  var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
