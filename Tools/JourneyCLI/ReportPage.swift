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
    let sections = [headline, timeline, workforce, audits, monitoringComparisons, conflicts, evidence].joined(
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
      </header>
      <main>
      \(sections)
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

  var timeline: String {
    let entries = views.timeline.entries(stream: stream, asOf: query.date)
    guard let first = entries.first.flatMap({ DayMath.dayNumber($0.date) }) else {
      return "<section id=\"timeline\"><h2>Timeline</h2><p>No events recorded.</p></section>"
    }
    let last = max(
      DayMath.dayNumber(query.date) ?? first, entries.compactMap { DayMath.dayNumber($0.end ?? $0.date) }.max() ?? first
    )
    let (width, left, right, laneHeight) = (640.0, 150.0, 624.0, 34.0)
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
    let rows = entries.map { [$0.date + ($0.end.map { " to \($0)" } ?? ""), $0.title, Citation.short($0.citation)] }
    return """
      <section id="timeline" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      \(svg)
      \(HTML.table(caption: "Inspections, visits, reviews, notices and milestones", columns: ["Date", "Event", "Source"], rows: rows))
      </section>
      """
  }

  // MARK: - Workforce and audits

  static let palette = [
    "#1d4f91", "#a4262c", "#007a5e", "#8a5a00", "#5c2d91", "#3b3b3b", "#b3006b", "#006f87", "#4d6b00",
  ]

  func chart(id: String, title: String, unit: String, keys: [String], label: (String) -> String) -> String {
    let local = MeasureSeries.series(views.measures.facts, stream: stream, asOf: query.date)
    let england = MeasureSeries.series(
      views.measures.facts, stream: AuthorityRegistry.shared.england.stream, asOf: query.date)
    var series: [LineChart.Series] = []
    for (i, key) in keys.enumerated() {
      let colour = ReportPage.palette[i % ReportPage.palette.count]
      let points = (local[key] ?? []).filter { $0.value != nil }.map { ($0.to, $0.value!, $0.display) }
      if !points.isEmpty {
        series.append(LineChart.Series(name: label(key), colour: colour, dashed: false, points: points))
      }
      let bench = (england[key] ?? []).filter { $0.value != nil }.map { ($0.to, $0.value!, $0.display) }
      if !bench.isEmpty && !points.isEmpty {
        series.append(LineChart.Series(name: "England: " + label(key), colour: colour, dashed: true, points: bench))
      }
    }
    return LineChart(id: id, title: title, unit: unit, series: series).svg
  }

  func keys(_ prefix: String) -> [String] {
    MeasureSeries.series(views.measures.facts, stream: stream, asOf: query.date).keys.filter { $0.hasPrefix(prefix) }
      .sorted()
  }

  var workforce: String {
    let turnover = chart(
      id: "chart-turnover", title: "Social worker turnover (%)", unit: "%", keys: keys("workforce/turnover_rate/"),
      label: SeriesLabel.text)
    let agency = chart(
      id: "chart-agency", title: "Agency rate (%)", unit: "%", keys: keys("workforce/agency_rate/"),
      label: SeriesLabel.text)
    let caseload = chart(
      id: "chart-caseload", title: "Caseload (cases per social worker)", unit: "", keys: keys("workforce/caseload/"),
      label: SeriesLabel.text)
    let index = views.workforce.stabilityIndex(stream: stream, asOf: query.date).map { point -> [String] in
      let rates = point.components.keys.sorted().map {
        "\($0.replacingOccurrences(of: "_", with: " ")) \(point.components[$0]!)%"
      }
      return [
        point.period, point.sourceKind.replacingOccurrences(of: "_", with: " "), String(format: "%.1f", point.index),
        rates.joined(separator: ", "),
      ]
    }
    return """
      <section id="workforce" aria-labelledby="workforce-h">
      <h2 id="workforce-h">Workforce stability</h2>
      <p>Lower is better for turnover, agency rate and caseload. Series from different sources (DfE statistics, local management information, figures given to Ofsted) are drawn separately; dashed lines are England where the ledger has it. No interpolation: points are the figures as stated.</p>
      <figure>\(turnover)<figcaption>Turnover</figcaption></figure>
      <figure>\(agency)<figcaption>Agency rate</figcaption></figure>
      <figure>\(caseload)<figcaption>Caseload</figcaption></figure>
      \(HTML.table(caption: "Stability index (100 − mean of turnover, agency and vacancy rates)", columns: ["Period", "Source", "Index", "Rates"], rows: index))
      </section>
      """
  }

  var audits: String {
    let results = views.audits.results(stream: stream, asOf: query.date)
    let chartKeys = keys("audit/").filter {
      $0.hasSuffix("/percent_inadequate") || $0.hasSuffix("/percent_good_or_better")
        || $0.hasSuffix("/percent_requires_improvement_or_better")
    }
    let svg = chart(
      id: "chart-audits", title: "Case-file audit results by quarter (%)", unit: "%", keys: chartKeys,
      label: SeriesLabel.text)
    let facts = views.evidence.facts
    let rows = results.map {
      [
        $0.period, SeriesLabel.text($0.series),
        CorrectionNote.annotated($0.display, id: $0.id, facts: facts) + ($0.derived ? " (derived)" : ""),
        $0.n.map(String.init) ?? "", Citation.short($0.citation),
      ]
    }
    return """
      <section id="audits" aria-labelledby="audits-h">
      <h2 id="audits-h">Audit quality</h2>
      <figure>\(svg)<figcaption>Audit results by period</figcaption></figure>
      \(HTML.table(caption: "Audit results", columns: ["Period", "Measure", "Value", "n", "Source"], rows: rows))
      </section>
      """
  }

  // MARK: - Monitoring visits

  var monitoringComparisons: String {
    let visits = views.timeline.monitoringVisits(stream: stream, asOf: query.date)
    let tables = visits.map { visit -> String in
      let comparison = BeforeAfter.compare(
        views.measures.facts,
        BeforeAfterQuery(stream: stream, start: visit.date, end: visit.end ?? visit.date, windowDays: 186))
      let table = AnswerViews.comparisonTable(comparison, title: "")
      return "<h3>\(HTML.escape(visit.title)) — \(HTML.escape(visit.date))</h3>"
        + (visit.details.isEmpty ? "" : "<ul>" + visit.details.map { "<li>\(HTML.text($0))</li>" }.joined() + "</ul>")
        + HTML.table(
          caption: "Measures before and after this visit, like with like (within six months)", columns: table.columns,
          rows: table.rows)
        + table.notes.map { "<p class=\"note\">\(HTML.escape($0))</p>" }.joined()
    }
    return """
      <section id="monitoring" aria-labelledby="monitoring-h">
      <h2 id="monitoring-h">Before and after each monitoring visit</h2>
      \(tables.isEmpty ? "<p>No monitoring visits recorded.</p>" : tables.joined(separator: "\n"))
      </section>
      """
  }

  // MARK: - Conflicts and evidence

  var conflicts: String {
    let facts = views.evidence.facts
    let known = facts.knownDisagreements().filter { $0.events.contains { facts[id: $0]?.stream == stream } }
    let blocks = known.map { d -> String in
      let shown = facts.chosen(in: d)
      let rows = d.events.compactMap { facts.claim(id: $0) }.map { f in
        [
          f.id == shown ? "shown" : "kept", f.id, Citation.short(f.citation), "“" + (f.quote ?? "") + "”",
          f.reported ?? "",
        ]
      }
      return "<h3>\(HTML.escape(d.topic))</h3><p>\(HTML.escape(d.rule))</p>"
        + HTML.table(caption: "Claims", columns: ["View", "Fact", "Source", "Quote", "Reported"], rows: rows)
    }
    return """
      <section id="conflicts" aria-labelledby="conflicts-h">
      <h2 id="conflicts-h">Where sources disagree</h2>
      \(blocks.isEmpty ? "<p>No disagreements recorded.</p>" : blocks.joined(separator: "\n"))
      </section>
      """
  }

  /// A fact's source for the appendix: the document's title and part, then `file:lines` (a source
  /// document's file shortened to its number, `000:866`, so that the table fits an A4 page).
  static func source(_ fact: Fact) -> String {
    [fact.sourceTitle, Citation.short(fact.citation)].compactMap { $0 }.joined(separator: ", ")
  }

  var evidence: String {
    let facts = views.evidence.facts.current(stream: stream)
    let rows = facts.map { f -> [String] in
      let note = CorrectionNote.text(f).map { " (\($0))" } ?? ""
      return [
        f.id + note, f.type.replacingOccurrences(of: "_", with: " "),
        f.valid.map { $0.from == $0.to ? $0.from : "\($0.from) to \($0.to)" } ?? "", f.reported ?? "", Self.source(f),
        f.quote ?? "",
      ]
    }
    return """
      <section id="evidence" aria-labelledby="evidence-h">
      <h2 id="evidence-h">Evidence appendix</h2>
      <p>Every fact behind this report: its id, kind, when it holds, when it was reported, the source document, its part and lines, and a verbatim quote.</p>
      \(HTML.table(caption: "Facts (\(facts.count))", columns: ["Fact", "Kind", "Valid", "Reported", "Source", "Quote"], rows: rows))
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
    bdi { unicode-bidi: isolate; }
    @page { size: A4; margin: 15mm 15mm 18mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #3b3b3b; } }
    @media print {
      :root { font-size: 10.5pt; } body { max-width: none; padding: 0; }
      section { break-inside: auto; } h2, h3, caption, .axes { break-after: avoid; } figure, tr, svg { break-inside: avoid; }
      p, li { orphans: 3; widows: 3; }
      th, td:last-child { white-space: normal; } table { font-size: .85rem; } th, td { padding: .2rem .25rem; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
