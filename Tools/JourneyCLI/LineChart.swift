import Foundation
import Projections

/// A line chart as inline SVG: dated points per series, an accessible title and description, and
/// one `circle` per data point (the browser test counts them).
struct LineChart {
  struct Series {
    var name: String
    var colour: String
    var dashed: Bool
    var points: [(date: String, value: Double, label: String)]
  }

  var id: String
  var title: String
  var unit: String
  var series: [Series]
  var width = 640.0
  var height = 220.0

  /// The y axis's label, with its unit: `value (%)`, `value (cases)`.
  var axisLabel: String {
    let trimmed = unit.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? "value" : "value (\(trimmed))"
  }

  var svg: String {
    let all = series.flatMap(\.points)
    guard !all.isEmpty else {
      return "<p class=\"empty\">\(HTML.escape(title)): no figures recorded.</p>"
    }
    let days = all.compactMap { DayMath.dayNumber($0.date) }
    let (minDay, maxDay) = (days.min()! - 30, days.max()! + 30)
    let values = all.map(\.value)
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
    for s in series where !s.points.isEmpty {
      let sorted = s.points.sorted { $0.date < $1.date }
      let path = sorted.map { "\(f(x($0.date))),\(f(y($0.value)))" }.joined(separator: " ")
      var group = "<g class=\"series\" data-series=\"\(HTML.escape(s.name))\" data-points=\"\(sorted.count)\">"
      group +=
        "<polyline fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(path)\"/>"
      for p in sorted {
        group +=
          "<circle class=\"point\" cx=\"\(f(x(p.date)))\" cy=\"\(f(y(p.value)))\" r=\"4\" fill=\"\(s.colour)\"><title>\(HTML.escape(s.name)): \(HTML.escape(p.label)) (\(p.date))</title></circle>"
      }
      parts.append(group + "</g>")
    }
    let svg =
      "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\">"
      + parts.joined() + dateLabels(minDay, maxDay, x: x, y: bottom + 18) + "</svg>"
    let legend = series.filter { !$0.points.isEmpty }.map { s in
      "<li><span class=\"swatch\(s.dashed ? " dashed" : "")\" style=\"border-color: \(s.colour)\"></span>\(HTML.escape(s.name))</li>"
    }.joined()
    return svg + "<ul class=\"legend\">" + legend + "</ul>"
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
