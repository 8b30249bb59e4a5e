import EventStore
import Foundation
import JourneyDomain
import Projections

/// The report's appendices: everything the committee summary draws on, in full, with sources.
extension ReportPage {
  var timelineAppendix: String {
    let entries = views.timeline.entries(stream: stream, asOf: query.date)
    return """
      <section id="timeline-all" class="appendix" aria-labelledby="timeline-all-h">
      <h2 id="timeline-all-h">Appendix A. Timeline in full</h2>
      \(HTML.table(caption: "Inspections, visits, reviews, notices, plans and milestones", columns: ["Date", "Event", "Source"], rows: entries.map(Self.timelineRow)))
      </section>
      """
  }

  var figuresAppendix: String {
    let index = views.workforce.stabilityIndex(stream: stream, asOf: query.date).map { point -> [String] in
      let rates = point.components.keys.sorted().map {
        "\($0.replacingOccurrences(of: "_", with: " ")) \(point.components[$0]!)%"
      }
      return [
        point.period, point.sourceKind.replacingOccurrences(of: "_", with: " "), String(format: "%.1f", point.index),
        rates.joined(separator: ", "),
      ]
    }
    let local = MeasureSeries.series(views.measures.facts, stream: stream, asOf: query.date)
    let facts = views.evidence.facts
    let workforce = local.keys.filter { $0.hasPrefix("workforce/") }.sorted().flatMap { key in
      ReportChart.points(local[key]).map { p in
        [
          p.period, SeriesLabel.text(key), CorrectionNote.annotated(p.display, id: p.id, facts: facts),
          Citation.short(p.citation),
        ]
      }
    }
    let audits = views.audits.results(stream: stream, asOf: query.date).map {
      [
        $0.period, SeriesLabel.text($0.series),
        CorrectionNote.annotated($0.display, id: $0.id, facts: facts) + ($0.derived ? " (derived)" : ""),
        $0.n.map(String.init) ?? "", Citation.short($0.citation),
      ]
    }
    return """
      <section id="figures" class="appendix" aria-labelledby="figures-h">
      <h2 id="figures-h">Appendix B. Workforce and audit figures</h2>
      \(HTML.table(caption: "Stability index (100 − mean of turnover, agency and vacancy rates)", columns: ["Period", "Source", "Index", "Rates"], rows: index))
      \(HTML.table(caption: "Workforce figures", columns: ["Period", "Measure", "Value", "Source"], rows: workforce))
      \(HTML.table(caption: "Audit results", columns: ["Period", "Measure", "Value", "n", "Source"], rows: audits))
      </section>
      """
  }

  var monitoringComparisons: String {
    let tables = visitComparisons.map { visit, comparison -> String in
      let table = AnswerViews.comparisonTable(comparison, title: "")
      return "<h3>\(HTML.escape(visit.title)) — \(HTML.escape(visit.date))</h3>"
        + (visit.details.isEmpty ? "" : "<ul>" + visit.details.map { "<li>\(HTML.text($0))</li>" }.joined() + "</ul>")
        + HTML.table(
          caption: "Measures before and after this visit, like with like (within six months)", columns: table.columns,
          rows: table.rows)
        + table.notes.map { "<p class=\"note\">\(HTML.escape($0))</p>" }.joined()
    }
    return """
      <section id="monitoring" class="appendix" aria-labelledby="monitoring-h">
      <h2 id="monitoring-h">Appendix C. Before and after each monitoring visit</h2>
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
      <section id="conflicts" class="appendix" aria-labelledby="conflicts-h">
      <h2 id="conflicts-h">Appendix D. Where sources disagree</h2>
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
      <section id="evidence" class="appendix" aria-labelledby="evidence-h">
      <h2 id="evidence-h">Appendix E. Evidence</h2>
      <p>Every fact behind this report: its id, kind, when it holds, when it was reported, the source document, its part and lines, and a verbatim quote.</p>
      \(HTML.table(caption: "Facts (\(facts.count))", columns: ["Fact", "Kind", "Valid", "Reported", "Source", "Quote"], rows: rows))
      </section>
      """
  }
}
