import EventStore
import Foundation
import JourneyDomain
import Projections

/// One figure of the report: a chart of the authority's series with England beside them, the
/// series too short to draw given as figures, and the sources of both under it.
///
/// A series with fewer than `minimumPoints` figures is listed, not drawn: one or two dots make a
/// near-empty chart that reads as a trend. Series from DfE's headcount basis are not drawn beside
/// the full-time-equivalent ones (they follow them closely and would hide them); every figure is
/// in the appendix tables.
struct ReportChart {
  /// The fewest figures a series needs to be drawn as a line.
  static let minimumPoints = 3

  var id: String
  var title: String
  var unit: String
  var keys: [String]
  /// What the y axis measures, when the unit alone does not say.
  var yAxis: String? = nil
  /// The authority's series, by key.
  var local: [String: [MeasurePoint]]
  /// England's series, by key.
  var england: [String: [MeasurePoint]]

  /// The figure's HTML: the chart (or a note that there is none), the short series, the sources.
  var html: String {
    let drawn = keys.filter { Self.points(local[$0]).count >= Self.minimumPoints && !Self.isHeadcount($0) }
    let listed = keys.filter { !drawn.contains($0) && !Self.isHeadcount($0) && !Self.points(local[$0]).isEmpty }
    var series: [LineChart.Series] = []
    var shown: [MeasurePoint] = []
    for (i, key) in drawn.enumerated() {
      let colour = ReportPage.palette[i % ReportPage.palette.count]
      let points = Self.points(local[key])
      series.append(
        LineChart.Series(name: SeriesLabel.text(key), colour: colour, dashed: false, points: points.map(Self.plotted)))
      shown += points
      let bench = Self.points(england[key])
      if !bench.isEmpty {
        series.append(
          LineChart.Series(
            name: "England: " + SeriesLabel.text(key), colour: colour, dashed: true, points: bench.map(Self.plotted)))
        shown += bench
      }
    }
    let chart =
      series.isEmpty
      ? "<p class=\"chart-title-text\">\(HTML.escape(title))</p><p class=\"empty\">No series has \(Self.minimumPoints) or more figures to draw.</p>"
      : LineChart(id: id, title: title, unit: unit, series: series, yAxis: yAxis).svg
    let figures = listed.map { key in figureLine(key, Self.points(local[key])) }
    shown += listed.flatMap { Self.points(local[$0]) }
    let headcount = keys.contains(where: Self.isHeadcount) ? [Self.headcountNote] : []
    return "<figure id=\"\(id)-figure\">" + chart
      + (figures.isEmpty ? "" : "<ul class=\"figures\">" + figures.joined() + "</ul>")
      + "<figcaption class=\"chart-source\">" + HTML.escape(Self.sourceLine(shown, notes: headcount)) + "</figcaption>"
      + "</figure>"
  }

  static let headcountNote =
    "DfE's headcount-based rates are not drawn: they follow the full-time-equivalent rates shown; every figure is in appendix B"

  /// The figures of a series too short to draw: `turnover rate, local mi: 16.8% (2021-22)`.
  func figureLine(_ key: String, _ points: [MeasurePoint]) -> String {
    let values = points.map { p in
      "<span class=\"figure\">\(HTML.escape(p.displayWithChange)) (\(HTML.escape(p.period)), \(HTML.escape(Citation.short(p.citation))))</span>"
    }
    return "<li data-series=\"\(HTML.escape(SeriesLabel.text(key)))\" data-figures=\"\(points.count)\">"
      + "<strong>\(HTML.escape(SeriesLabel.text(key)))</strong>: " + values.joined(separator: "; ") + "</li>"
  }

  /// The figures of a series that have a value, in date order.
  static func points(_ series: [MeasurePoint]?) -> [MeasurePoint] {
    (series ?? []).filter { $0.value != nil }.sorted { ($0.to, $0.id) < ($1.to, $1.id) }
  }

  /// Whether a series key is a DfE headcount-based variant (`…/dfe_statistics/headcount`).
  static func isHeadcount(_ key: String) -> Bool { key.hasSuffix("/headcount") }

  /// A measure point as the chart draws it, with the bound its qualifier states.
  static func plotted(_ p: MeasurePoint) -> LineChart.Point {
    LineChart.Point(
      date: p.to, value: p.value!, bound: LineChart.Bound(qualifier: p.qualifier, high: p.valueHigh),
      label: p.display)
  }

  /// `Source: …` naming each document of `points` once (its title, or file), then the notes.
  static func sourceLine(_ points: [MeasurePoint], notes: [String]) -> String {
    sourceLine(names: points.map(sourceName), notes: notes)
  }

  /// `Source: a; b. note.`, each name once, in first-seen order.
  static func sourceLine(names: [String], notes: [String]) -> String {
    var seen: [String] = []
    for name in names where !seen.contains(name) { seen.append(name) }
    let sources = seen.isEmpty ? "no figures recorded" : seen.joined(separator: "; ")
    return (["Source: " + sources] + notes).joined(separator: ". ") + "."
  }

  /// A point's source document: its title (without the part) or file, and a statistics release date.
  static func sourceName(_ point: MeasurePoint) -> String {
    let source = (try? JSONParser.parse(point.metaText))?["source"]
    let file = source?["file"]?.stringValue ?? "unsourced"
    let statistics = source?["kind"]?.stringValue == "dfe_statistics" ? "DfE statistics, " : ""
    let title = source?["title"]?.stringValue ?? statistics + file
    let release = source?["release"]?.stringValue.map { " (released \($0))" } ?? ""
    return title + release
  }
}
