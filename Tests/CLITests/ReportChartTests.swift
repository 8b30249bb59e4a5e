import EventStore
import Projections
import Testing

@testable import JourneyCLI

@Suite("report charts: short series as figures, bounds drawn as bounds, every series visible, sources named")
struct ReportChartTests {
  /// A percentage figure of `series` for the period ending `to`, cited from `file`.
  func point(
    _ id: String, _ series: String, to: String, _ value: Double, qualifier: String? = nil, high: Double? = nil,
    file: String = "000_84c332c63edd5a81.txt", title: String? = nil
  ) -> MeasurePoint {
    var source: [String: JSON] = ["file": .string(file), "lines": "1", "quote": "q"]
    source["title"] = title.map(JSON.string)
    return MeasurePoint(
      id: id, series: series, stream: "la:358", period: to, from: to, to: to, value: value, unit: "percent",
      qualifier: qualifier, notAvailable: nil, n: nil, derived: false, reported: to,
      metaText: JSON.object(["source": .object(source)]).serialized(), conflicts: [], corrections: [], valueHigh: high)
  }

  func chart(_ local: [String: [MeasurePoint]], england: [String: [MeasurePoint]] = [:]) -> String {
    ReportChart(
      id: "c", title: "Agency rate (%)", unit: "%", keys: local.keys.sorted(), local: local, england: england
    ).html
  }

  func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  let series = "workforce/agency_rate/local_mi"

  @Test(
    "a series is drawn only from 3 figures; shorter ones are listed with their words kept",
    arguments: [(1, 0, 1), (2, 0, 2), (3, 3, 0), (5, 5, 0)])
  func shortSeries(figures: Int, drawn: Int, listed: Int) {
    let points = (0..<figures).map { point("p\($0)", series, to: "202\($0)-03-31", 20 + Double($0), qualifier: "over") }
    let html = chart([series: points])
    #expect(count("class=\"point\"", in: html) == drawn)
    #expect(count("class=\"figure\"", in: html) == listed)
    if listed > 0 { #expect(html.contains("over 20%")) }
    #expect(html.contains("<svg id=\"c\"") == (drawn > 0))
  }

  @Test(
    "a bounded figure is drawn as its bound",
    arguments: [
      ("over", nil, 2, "arrow up"), ("at_least", nil, 2, "arrow up"), ("up_to", nil, 2, "arrow down"),
      ("under", nil, 2, "arrow down"), ("range", 25.0, 3, "bar with caps"), (nil, nil, 0, "none"),
      ("around", nil, 0, "hollow marker"),
    ] as [(String?, Double?, Int, String)])
  func bounds(qualifier: String?, high: Double?, marks: Int, drawnAs: String) {
    let points = [
      point("a", series, to: "2020-03-31", 10),
      point("b", series, to: "2021-03-31", 20, qualifier: qualifier, high: high),
      point("c", series, to: "2022-03-31", 15),
    ]
    let html = chart([series: points])
    #expect(count("class=\"bound\"", in: html) == marks, "\(drawnAs)")
    #expect(html.contains(LineChart.boundsKey) == (qualifier != nil))
    #expect(html.contains("fill=\"#ffffff\"") == (qualifier == "around"))
  }

  @Test("two series with the same figures are both visible: each has its own marker shape and a legend glyph")
  func sameFigures() {
    let other = "workforce/agency_rate/figure_given_to_ofsted"
    let dates = ["2020-03-31", "2021-03-31", "2022-03-31"]
    let html = chart([
      series: dates.enumerated().map { point("a\($0)", series, to: $1, 30) },
      other: dates.enumerated().map { point("b\($0)", other, to: $1, 30) },
    ])
    #expect(count("<circle class=\"point\"", in: html) == 3)
    #expect(count("<rect class=\"point\"", in: html) == 3)
    #expect(count("class=\"glyph-mark\"", in: html) == 2)
  }

  @Test("the source line names each document once, by title, and statistics with their release")
  func sourceLine() {
    var dfe = point("d", "workforce/agency_rate/dfe_statistics", to: "2022-09-30", 40, file: "csww.csv")
    dfe.metaText = #"{"source":{"file":"csww.csv","kind":"dfe_statistics","release":"2024-02-29"}}"#
    let line = ReportChart.sourceLine(
      [
        point("a", series, to: "2022-03-31", 1, title: "Pack, 5 July 2022"),
        point("b", series, to: "2022-06-30", 2, title: "Pack, 5 July 2022"), dfe,
      ],
      notes: [])
    #expect(line == "Source: Pack, 5 July 2022; DfE statistics, csww.csv (released 2024-02-29).")
  }

  @Test("DfE's headcount variant is not drawn beside the FTE series, and the chart says so")
  func headcount() {
    let fte = "workforce/agency_rate/dfe_statistics"
    let dates = ["2020-09-30", "2021-09-30", "2022-09-30"]
    let html = chart([
      fte: dates.enumerated().map { point("f\($0)", fte, to: $1, 30) },
      fte + "/headcount": dates.enumerated().map { point("h\($0)", fte + "/headcount", to: $1, 31) },
    ])
    #expect(count("class=\"point\"", in: html) == 3)
    #expect(html.contains("headcount-based rates are not drawn"))
  }
}
