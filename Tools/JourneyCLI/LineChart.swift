import Foundation
import Projections

/// A line chart as inline SVG: dated points per series, an accessible title and description, and
/// one `circle` per data point (the browser test counts them).
struct LineChart {
  /// How a plotted value relates to the truth, as the source states it.
  enum Bound: Equatable {
    /// The value as stated.
    case exact
    /// "over", "at least": the truth is at or above the value (drawn with an arrow up).
    case atLeast
    /// "under", "up to": the truth is at or below the value (drawn with an arrow down).
    case atMost
    /// "19–21%": a bar from the value to the upper end.
    case range(high: Double)
    /// "around", "approximately": drawn as a hollow marker.
    case approximate

    /// The bound a measure's qualifier states.
    init(qualifier: String?, high: Double?) {
      switch qualifier {
      case "over", "at_least": self = .atLeast
      case "under", "up_to": self = .atMost
      case "around", "approximately": self = .approximate
      case "range": self = high.map { .range(high: $0) } ?? .exact
      default: self = .exact
      }
    }
  }

  /// One plotted figure: the end of its period, its value, how the source bounds it, and its label.
  struct Point {
    var date: String
    var value: Double
    var bound: Bound = .exact
    var label: String
  }

  struct Series {
    var name: String
    var colour: String
    var dashed: Bool
    var points: [Point]
  }

  var id: String
  var title: String
  var unit: String
  var series: [Series]
  var width = 640.0
  var height = 180.0
  /// What the y axis measures, when the unit alone does not say (`cases per social worker`).
  var yAxis: String? = nil

  /// The y axis's label, with its unit: `value (%)`, `value (cases)`.
  var axisLabel: String {
    let trimmed = unit.trimmingCharacters(in: .whitespaces)
    if let yAxis { return trimmed.isEmpty ? yAxis : "\(yAxis) (\(trimmed))" }
    return trimmed.isEmpty ? "value" : "value (\(trimmed))"
  }

  var svg: String {
    let all = series.flatMap(\.points)
    guard !all.isEmpty else {
      return "<p class=\"empty\">\(HTML.escape(title)): no figures recorded.</p>"
    }
    let days = all.compactMap { DayMath.dayNumber($0.date) }
    let (minDay, maxDay) = (days.min()! - 30, days.max()! + 30)
    let values = all.flatMap { point -> [Double] in
      if case .range(let high) = point.bound { return [point.value, high] }
      return [point.value]
    }
    let low = min(0, values.min()!)
    let headroom = max(values.max()! * 1.15, low + 1)
    // A gridline on top.
    let high = (headroom / niceStep((headroom - low) / 4)).rounded(.up) * niceStep((headroom - low) / 4)
    let (left, right, top, bottom) = (56.0, width - 16, 28.0, height - 36)
    func x(_ date: String) -> Double {
      left + (right - left) * Double(DayMath.dayNumber(date)! - minDay) / Double(max(1, maxDay - minDay))
    }
    func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - low) / (high - low) }
    var parts: [String] = []
    parts.append("<title id=\"\(id)-title\">\(HTML.escape(title))</title>")
    let description = series.map { s in
      "\(s.name): " + s.points.map { "\($0.label) on \($0.date)" }.joined(separator: ", ")
    }.joined(separator: "; ")
    parts.append("<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>")
    parts.append("<text class=\"chart-title\" x=\"0\" y=\"12\">\(HTML.escape(title))</text>")
    parts.append("<text class=\"axis-label\" x=\"0\" y=\"\(f(top - 4))\">\(HTML.escape(axisLabel))</text>")
    parts.append(
      "<text class=\"axis-label\" x=\"\(f(right))\" y=\"\(f(height - 2))\" text-anchor=\"end\">date (end of each figure's period)</text>"
    )
    for tick in ticks(low: low, high: high) {
      parts.append(
        "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\"/>")
      parts.append(
        "<text class=\"axis\" x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(HTML.escape(number(tick)))\(HTML.escape(unit))</text>"
      )
    }
    for year in yearTicks(minDay, maxDay) where yearTicks(minDay, maxDay).count >= 2 {
      let date = "\(year)-01-01"
      parts.append(
        "<text class=\"axis\" x=\"\(f(x(date)))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">\(year)</text>")
    }
    for (index, s) in series.enumerated() where !s.points.isEmpty {
      let sorted = s.points.sorted { $0.date < $1.date }
      let path = sorted.map { "\(f(x($0.date))),\(f(y($0.value)))" }.joined(separator: " ")
      var group = "<g class=\"series\" data-series=\"\(HTML.escape(s.name))\" data-points=\"\(sorted.count)\">"
      group +=
        "<polyline fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(path)\"/>"
      for p in sorted {
        let (px, py) = (x(p.date), y(p.value))
        let title = "<title>\(HTML.escape(s.name)): \(HTML.escape(p.label)) (\(p.date))</title>"
        group += boundMark(p.bound, x: px, y: py, colour: s.colour, y: y)
        group += marker(
          shape: index % Self.shapes, x: px, y: py, colour: s.colour, hollow: p.bound == .approximate, title: title)
      }
      parts.append(group + "</g>")
    }
    let svg =
      "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\">"
      + parts.joined() + dateLabels(minDay, maxDay, x: x, y: bottom + 18) + "</svg>"
    let legend = series.enumerated().filter { !$0.element.points.isEmpty }.map { index, s in
      let glyph =
        "<svg class=\"glyph\" viewBox=\"0 0 12 12\" width=\"12\" height=\"12\" aria-hidden=\"true\">"
        + marker(shape: index % Self.shapes, x: 6, y: 6, colour: s.colour, hollow: false, role: "glyph-mark") + "</svg>"
      return
        "<li><span class=\"swatch\(s.dashed ? " dashed" : "")\" style=\"border-color: \(s.colour)\"></span>\(glyph) \(HTML.escape(s.name))</li>"
    }.joined()
    let bounds = all.contains { $0.bound != .exact } ? "<p class=\"bounds\">\(Self.boundsKey)</p>" : ""
    return svg + "<ul class=\"legend\">" + legend + "</ul>" + bounds
  }

  /// How bounded figures are drawn, said under a chart that has any.
  static let boundsKey =
    "An arrow up marks a figure the source gives as a lower bound (\"over\", \"at least\"), an arrow down an upper bound (\"under\", \"up to\"); a bar spans a stated range; a hollow marker is an approximate figure."

  /// How many marker shapes series cycle through, so that a series drawn over another still shows.
  static let shapes = 4

  /// A data point's marker (class `role`, `point` in the plot): a circle, square, diamond or triangle by `shape`, filled
  /// or hollow, with `title` (SVG markup) inside it for the browser's tooltip.
  func marker(
    shape: Int, x: Double, y: Double, colour: String, hollow: Bool, title: String = "", role: String = "point"
  ) -> String {
    let paint = hollow ? "fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\"" : "fill=\"\(colour)\""
    let (element, geometry): (String, String)
    switch shape {
    case 0: (element, geometry) = ("circle", "cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\"")
    case 1: (element, geometry) = ("rect", "x=\"\(f(x - 3.5))\" y=\"\(f(y - 3.5))\" width=\"7\" height=\"7\"")
    case 2:
      (element, geometry) = (
        "polygon", "points=\"\(f(x)),\(f(y - 5)) \(f(x + 5)),\(f(y)) \(f(x)),\(f(y + 5)) \(f(x - 5)),\(f(y))\""
      )
    default:
      (element, geometry) = (
        "polygon", "points=\"\(f(x)),\(f(y - 5)) \(f(x + 5)),\(f(y + 4)) \(f(x - 5)),\(f(y + 4))\""
      )
    }
    return "<\(element) class=\"\(role)\" \(geometry) \(paint)>\(title)</\(element)>"
  }

  /// The mark that shows a bound: an arrow up or down from the value, or a bar over the range.
  func boundMark(_ bound: Bound, x: Double, y py: Double, colour: String, y: (Double) -> Double) -> String {
    let line = { (y1: Double, y2: Double) in
      "<line class=\"bound\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(y1))\" y2=\"\(f(y2))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
    }
    let head = { (tip: Double, dy: Double) in
      "<polygon class=\"bound\" points=\"\(f(x)),\(f(tip)) \(f(x + 4)),\(f(tip + dy)) \(f(x - 4)),\(f(tip + dy))\" fill=\"\(colour)\"/>"
    }
    switch bound {
    case .exact, .approximate: return ""
    case .atLeast: return line(py, py - 16) + head(py - 20, 6)
    case .atMost: return line(py, py + 16) + head(py + 20, -6)
    case .range(let high):
      let top = y(high)
      let cap = { (cy: Double) in
        "<line class=\"bound\" x1=\"\(f(x - 4))\" x2=\"\(f(x + 4))\" y1=\"\(f(cy))\" y2=\"\(f(cy))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
      }
      return line(py, top) + cap(py) + cap(top)
    }
  }

  /// Year labels for long spans; first and last dates for spans under two years.
  func dateLabels(_ minDay: Int, _ maxDay: Int, x: (String) -> Double, y: Double) -> String {
    let years = yearTicks(minDay, maxDay)
    guard years.count < 2 else { return "" }
    let first = DayMath.iso(minDay + 30)
    let last = DayMath.iso(maxDay - 30)
    let labels = first == last ? [first] : [first, last]
    return labels.map {
      "<text class=\"axis\" x=\"\(f(x($0)))\" y=\"\(f(y))\" text-anchor=\"middle\">\(String($0.prefix(7)))</text>"
    }.joined()
  }

  func ticks(low: Double, high: Double) -> [Double] {
    let step = niceStep((high - low) / 4)
    return stride(from: (low / step).rounded(.up) * step, through: high, by: step).map { $0 }
  }

  func niceStep(_ raw: Double) -> Double {
    let magnitude = pow(10, floor(log10(max(raw, 1e-9))))
    return [1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
  }

  func yearTicks(_ minDay: Int, _ maxDay: Int) -> [Int] {
    let first = Int(DayMath.iso(minDay).prefix(4))! + 1
    let last = Int(DayMath.iso(maxDay).prefix(4))!
    guard first <= last else { return [] }
    let step = max(1, (last - first + 1) / 8)
    return Array(stride(from: first, through: last, by: step))
  }

  func f(_ v: Double) -> String { String(format: "%.1f", v) }
  func number(_ v: Double) -> String { v.rounded() == v ? String(Int(v)) : String(format: "%.1f", v) }
}
