import EventStore
import Foundation
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

/// The report's HTML.
struct ReportPage {
  let query: QueryContext
  let views: AuthorityViews
  let generated: String

  var stream: String { query.authority.stream }

  var html: String {
    let summary = [headline, timeline, workforce, audits, monitoringSummary, conflictsSummary].joined(separator: "\n")
    let appendices = [timelineAppendix, figuresAppendix, monitoringComparisons, conflicts, evidence].joined(
      separator: "\n")
    return """
      <!DOCTYPE html>
      <html lang="en-GB">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(HTML.escape(query.authority.name)): children's services improvement journey</title>
      <style>\(ReportPage.css)</style>
      </head>
      <body>
      <header>
      <h1>\(HTML.escape(query.authority.name)): children's services improvement journey</h1>
      <p class="axes">\(HTML.escape(query.axes.prefix(1).uppercased() + query.axes.dropFirst())). Generated \(HTML.escape(generated)) by journey \(JourneyCommand.version) from the ledger's facts; every fact cites its source in the evidence appendix.</p>
      <p class="contents">The committee summary comes first; appendices A to E follow on their own pages: A. timeline in full, B. every workforce and audit figure, C. before and after each monitoring visit, D. where sources disagree, E. evidence.</p>
      </header>
      <main>
      <div id="summary" class="summary">
      \(summary)
      </div>
      <div id="appendices" class="appendices">
      \(appendices)
      </div>
      </main>
      </body>
      </html>

      """
  }

  // MARK: - Headline

  var headline: String {
    let status = views.judgements.status(stream: stream, on: query.date)
    let inForce = status.inForce
    let monitoring = views.timeline.monitoring(stream: stream, on: query.date)
    let cycles = AnswerViews.cycleLines(views.timeline.monitoringCycles(stream: stream, on: query.date))
    let score = views.readiness.score(stream: stream, on: query.date)
    var grades = "<p>\(HTML.escape(status.statement(query.authority.name)))</p>"
    if let inForce {
      let directions = Dictionary(
        uniqueKeysWithValues: views.judgements.direction(of: inForce.inspection, stream: stream).map { ($0.area, $0) })
      let rows = inForce.inspection.entries.map { area, entry -> [String] in
        let d = directions[area]
        return [
          Areas.label(area), entry.text,
          d.map { $0.from.map { "\(Grades.short($0)) → " } ?? "" }.map { $0 + (d?.direction ?? "") }
            ?? "no grade to compare",
        ]
      }
      grades =
        HTML.table(
          caption:
            "Judgements in force on \(query.date), from the inspection of \(inForce.inspection.fieldworkStart) to \(inForce.inspection.fieldworkEnd), \(inForce.sinceText)",
          columns: ["Judgement", "Grade", "Direction of travel"], rows: rows)
        + status.pending.map {
          "<p>Inspection done, report pending: fieldwork \(HTML.escape($0.fieldworkStart)) to \(HTML.escape($0.fieldworkEnd)).</p>"
        }.joined()
    }
    let since =
      (monitoring.daysSinceLastGraded.map {
        "\(DayMath.describe(days: $0)) since the fieldwork of the graded inspection in force ended (\(monitoring.lastGradedFieldworkEnd ?? "")); \(monitoring.monitoringVisits.count) monitoring visit(s) since."
      } ?? "No graded inspection in force on this date.")
      + cycles.map { " " + $0 }.joined()
    let components = score.components.map { c in
      [
        c.name.replacingOccurrences(of: "_", with: " "), String(format: "%.0f", c.weight),
        c.value.map { String(format: "%.0f", $0) } ?? "no evidence", c.explanation,
      ]
    }
    return """
      <section id="headline" aria-labelledby="headline-h">
      <h2 id="headline-h">Headline</h2>
      \(grades)
      <p class="since">\(HTML.escape(since))</p>
      <p class="score">Re-inspection readiness: <strong>\(HTML.escape(AnswerViews.readinessHeadline(score)))</strong> (an explainable evidence profile, not an official score; a single score needs evidence for \(Readiness.minimumComponents) of the 6 components).</p>
      \(HTML.table(caption: "Readiness components", columns: ["Component", "Weight", "Value", "Why"], rows: components))
      </section>
      """
  }

  // MARK: - Timeline

  static let lanes: [(String, Set<String>, String)] = [
    ("Inspections", ["ilacs_inspection", "send_area_inspection", "jtai"], "#1d4f91"),
    ("Visits", ["monitoring_visit", "focused_visit", "annual_engagement_meeting"], "#007a5e"),
    ("Planned or cancelled", ["visit_scheduled", "visit_cancelled"], "#8a5a00"),
    ("DfE reviews and notices", ["dfe_review", "intervention"], "#a4262c"),
    ("Milestones", ["plan_milestone"], "#5c2d91"),
  ]

  /// The kinds of event the summary's timeline table lists (appendix A lists every kind).
  static let keyEventTypes: Set<String> = [
    "ilacs_inspection", "send_area_inspection", "jtai", "monitoring_visit", "focused_visit", "dfe_review",
    "intervention",
  ]

  /// A timeline entry as a table row: its dates, what happened, its short citation.
  static func timelineRow(_ e: TimelineEntry) -> [String] {
    [e.date + (e.end.map { " to \($0)" } ?? ""), e.title, Citation.short(e.citation)]
  }

  /// The document an entry comes from: its title without the part, or its file.
  static func documentName(_ e: TimelineEntry) -> String {
    guard let title = e.sourceTitle else { return String(e.citation.prefix { $0 != ":" }) }
    return String(title.split(separator: "›")[0]).trimmingCharacters(in: .whitespaces)
  }

  var timeline: String {
    let entries = views.timeline.entries(stream: stream, asOf: query.date)
    guard let first = entries.first.flatMap({ DayMath.dayNumber($0.date) }) else {
      return "<section id=\"timeline\"><h2>Timeline</h2><p>No events recorded.</p></section>"
    }
    let last = max(
      DayMath.dayNumber(query.date) ?? first, entries.compactMap { DayMath.dayNumber($0.end ?? $0.date) }.max() ?? first
    )
    let (width, left, right, laneHeight) = (640.0, 150.0, 624.0, 28.0)
    let height = Double(ReportPage.lanes.count) * laneHeight + 40
    func x(_ date: String) -> Double {
      left + (right - left) * Double((DayMath.dayNumber(date) ?? first) - first + 30)
        / Double(max(1, last - first + 60))
    }
    var parts = [
      "<title id=\"timeline-chart-title\">Timeline of inspections, visits, reviews and notices for \(HTML.escape(query.authority.name))</title>",
      "<desc id=\"timeline-chart-desc\">\(HTML.escape(entries.map { "\($0.date): \($0.title)" }.joined(separator: "; ")))</desc>",
      "<text class=\"chart-title\" x=\"0\" y=\"12\">Timeline for \(HTML.escape(query.authority.name))</text>",
      "<text class=\"axis-label\" x=\"\(right)\" y=\"12\" text-anchor=\"end\">lanes: kind of event; across: year</text>",
    ]
    for (i, lane) in ReportPage.lanes.enumerated() {
      let y = 20 + Double(i) * laneHeight + laneHeight / 2
      let laneEntries = entries.filter { lane.1.contains($0.type) }
      parts.append("<text class=\"lane\" x=\"4\" y=\"\(String(format: "%.1f", y + 4))\">\(HTML.escape(lane.0))</text>")
      parts.append("<line class=\"grid\" x1=\"\(left)\" x2=\"\(right)\" y1=\"\(y)\" y2=\"\(y)\"/>")
      var group = "<g class=\"series\" data-series=\"\(HTML.escape(lane.0))\" data-points=\"\(laneEntries.count)\">"
      for e in laneEntries {
        let shape = e.type == "visit_cancelled" ? "rect" : "circle"
        let cx = String(format: "%.1f", x(e.date))
        let label = "<title>\(HTML.escape(e.date)): \(HTML.escape(e.title))</title>"
        group +=
          shape == "rect"
          ? "<rect class=\"point\" x=\"\(String(format: "%.1f", x(e.date) - 4))\" y=\"\(String(format: "%.1f", y - 4))\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"\(lane.2)\" stroke-width=\"2\">\(label)</rect>"
          : "<circle class=\"point\" cx=\"\(cx)\" cy=\"\(String(format: "%.1f", y))\" r=\"5\" fill=\"\(lane.2)\">\(label)</circle>"
      }
      parts.append(group + "</g>")
    }
    let firstYear = Int(DayMath.iso(first).prefix(4))!
    let lastYear = Int(DayMath.iso(last).prefix(4))!
    for year in stride(from: firstYear + 1, through: lastYear, by: max(1, (lastYear - firstYear) / 8)) {
      parts.append(
        "<text class=\"axis\" x=\"\(String(format: "%.1f", x("\(year)-01-01")))\" y=\"\(String(format: "%.1f", height - 6))\" text-anchor=\"middle\">\(year)</text>"
      )
    }
    let svg =
      "<svg id=\"timeline-chart\" class=\"chart\" role=\"img\" aria-labelledby=\"timeline-chart-title timeline-chart-desc\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
      + parts.joined() + "</svg>"
    let key = entries.filter { ReportPage.keyEventTypes.contains($0.type) }
    return """
      <section id="timeline" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      <figure>\(svg)<figcaption class="chart-source">\(HTML.escape(ReportChart.sourceLine(names: entries.map(Self.documentName), notes: ["The \(entries.count - key.count) other entries (milestones, plans, cancellations, annual conversations) are in appendix A"])))</figcaption></figure>
      \(HTML.table(caption: "Inspections, visits, reviews and notices", columns: ["Date", "Event", "Source"], rows: key.map(Self.timelineRow)))
      </section>
      """
  }

  // MARK: - Workforce and audits

  static let palette = [
    "#1d4f91", "#a4262c", "#007a5e", "#8a5a00", "#5c2d91", "#3b3b3b", "#b3006b", "#006f87", "#4d6b00",
  ]

  /// The chart `id` of the series under `keys`, as a `ReportChart` figure.
  func chart(id: String, title: String, unit: String, keys: [String], yAxis: String? = nil) -> String {
    ReportChart(
      id: id, title: title, unit: unit, keys: keys, yAxis: yAxis,
      local: MeasureSeries.series(views.measures.facts, stream: stream, asOf: query.date),
      england: MeasureSeries.series(
        views.measures.facts, stream: AuthorityRegistry.shared.england.stream, asOf: query.date)
    ).html
  }

  func keys(_ prefix: String) -> [String] {
    MeasureSeries.series(views.measures.facts, stream: stream, asOf: query.date).keys.filter { $0.hasPrefix(prefix) }
      .sorted()
  }

  var workforce: String {
    let turnover = chart(
      id: "chart-turnover", title: "Social worker turnover (%)", unit: "%", keys: keys("workforce/turnover_rate/"))
    let agency = chart(id: "chart-agency", title: "Agency rate (%)", unit: "%", keys: keys("workforce/agency_rate/"))
    let caseload = chart(
      id: "chart-caseload", title: "Caseload (cases per social worker)", unit: "", keys: keys("workforce/caseload/"),
      yAxis: "cases per social worker")
    return """
      <section id="workforce" aria-labelledby="workforce-h">
      <h2 id="workforce-h">Workforce stability</h2>
      <p>Lower is better for turnover, agency rate and caseload. Series from different sources (DfE statistics, local management information, figures given to Ofsted) are drawn separately, each with its own marker; dashed lines are England. Points are the figures as stated, at the end of their period; a series with fewer than \(ReportChart.minimumPoints) figures is listed under its chart, not drawn.</p>
      \(turnover)
      \(agency)
      \(caseload)
      </section>
      """
  }

  /// The audit series the summary charts: the overall grade shares.
  var auditChartKeys: [String] {
    keys("audit/").filter {
      $0.hasSuffix("/percent_inadequate") || $0.hasSuffix("/percent_good_or_better")
        || $0.hasSuffix("/percent_requires_improvement_or_better")
    }
  }

  var audits: String {
    let figure = chart(
      id: "chart-audits", title: "Case-file audit results by quarter (%)", unit: "%", keys: auditChartKeys)
    return """
      <section id="audits" aria-labelledby="audits-h">
      <h2 id="audits-h">Audit quality</h2>
      \(figure)
      <p>Every audit result, by theme, with its sample size and source, is in appendix B.</p>
      </section>
      """
  }

  // MARK: - Monitoring visits and disagreements, in brief

  /// The like-for-like comparison around each monitoring visit (six months either side).
  var visitComparisons: [(visit: TimelineEntry, comparison: BeforeAfterComparison)] {
    views.timeline.monitoringVisits(stream: stream, asOf: query.date).map { visit in
      (
        visit,
        BeforeAfter.compare(
          views.measures.facts,
          BeforeAfterQuery(stream: stream, start: visit.date, end: visit.end ?? visit.date, windowDays: 186))
      )
    }
  }

  var monitoringSummary: String {
    let rows = visitComparisons.flatMap { visit, comparison in
      comparison.pairs.isEmpty
        ? [[visit.date, "no measure read on both sides", "", "", ""]]
        : comparison.pairs.map { p in
          [
            visit.date, SeriesLabel.text(p.series) + " (" + p.periodKind.description + ")", p.before.display,
            p.after.display, p.verdict,
          ]
        }
    }
    return """
      <section id="monitoring-summary" aria-labelledby="monitoring-summary-h">
      <h2 id="monitoring-summary-h">Before and after each monitoring visit</h2>
      <p>Only like with like: the same measure over the same kind of period, the nearest reading within six months before the visit and the nearest after it. Better or worse follows each measure's direction. Readings on one side only and the windows are in appendix C.</p>
      \(rows.isEmpty ? "<p>No monitoring visits recorded.</p>" : HTML.table(caption: "Measures read on both sides of a visit", columns: ["Visit", "Measure", "Before", "After", "Verdict"], rows: rows))
      </section>
      """
  }

  /// How many disagreements the summary names; appendix D lists them all.
  static let summaryTopics = 10

  var conflictsSummary: String {
    let facts = views.evidence.facts
    let known = facts.knownDisagreements().filter { $0.events.contains { facts[id: $0]?.stream == stream } }
    let listed = known.prefix(ReportPage.summaryTopics).map { HTML.escape($0.topic) }
    let more = known.count > listed.count ? "; and \(known.count - listed.count) more" : ""
    let topics = listed.joined(separator: "; ") + more
    return """
      <section id="conflicts-summary" aria-labelledby="conflicts-summary-h">
      <h2 id="conflicts-summary-h">Where sources disagree</h2>
      \(known.isEmpty ? "<p>No disagreements recorded.</p>" : "<p>The sources disagree in \(known.count) places. The report shows the side each recorded rule picks; both claims, with their quotes, are in appendix D.</p><p class=\"topics\">" + topics + ".</p>")
      </section>
      """
  }

  static let css = """
    :root { color: #1b1b1b; background: #ffffff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
    body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
    h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1d4f91; padding-bottom: .2rem; margin-top: 2rem; }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
    .axes { color: #3b3b3b; margin: 0; }
    table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; table-layout: auto; }
    caption { text-align: left; font-weight: 600; padding: .2rem 0; }
    th, td { border: 1px solid #b1b4b6; padding: .25rem .4rem; vertical-align: top; text-align: left; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
    td.long { overflow-wrap: anywhere; } .cite { white-space: nowrap; }
    th { background: #f3f2f1; white-space: nowrap; }
    figure { margin: .5rem 0 1rem; } figcaption { font-size: .85rem; color: #3b3b3b; }
    svg.chart { display: block; max-width: 100%; height: auto; background: #fff; }
    svg .grid { stroke: #dcdcdc; stroke-width: 1; } svg .chart-title { font-size: 13px; font-weight: 600; fill: #1b1b1b; }
    svg .axis-label { font-size: 10px; fill: #3b3b3b; } svg .axis, svg .legend, svg .lane { font-size: 11px; fill: #1b1b1b; }
    .score strong { font-size: 1.3rem; } .empty { color: #3b3b3b; font-style: italic; }
    ul.legend { list-style: none; padding: 0; margin: .2rem 0 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; font-size: .85rem; }
    .swatch { display: inline-block; width: 1.4rem; border-top: 3px solid; vertical-align: middle; margin-right: .35rem; }
    .swatch.dashed { border-top-style: dashed; }
    td.quote, td:nth-child(6) { white-space: normal; }
    h1, h2, h3, p, li, figcaption, caption { overflow-wrap: anywhere; }
    .chart-source, .bounds { font-size: .8rem; color: #3b3b3b; margin: .2rem 0 0; }
    ul.figures { margin: .3rem 0; padding-left: 1.2rem; font-size: .85rem; } svg.glyph { vertical-align: middle; }
    .chart-title-text { font-weight: 600; margin: .5rem 0 0; } .contents { color: #3b3b3b; margin: .3rem 0 0; }
    .appendices { break-before: page; }
    bdi { unicode-bidi: isolate; }
    @page { size: A4; margin: 15mm 15mm 18mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #3b3b3b; } }
    @media print {
      :root { font-size: 10pt; } body { max-width: none; padding: 0; }
      section { break-inside: auto; } h2, h3, caption, .axes { break-after: avoid; } figure, tr, svg { break-inside: avoid; }
      p, li { orphans: 3; widows: 3; }
      th, td:last-child { white-space: normal; } table { font-size: .85rem; } th, td { padding: .2rem .25rem; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
