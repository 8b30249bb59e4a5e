import Foundation
import Projections

/// Building HTML and SVG as text, with every piece of ledger text escaped.
enum HTML {
  /// Escapes text for element content and attribute values: `& < > " '` become entities, and
  /// control characters (other than tab and newline) are dropped.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Text from the ledger, escaped and isolated from the surrounding text direction (so a
  /// right-to-left mark in a quote cannot reorder the page around it).
  static func text(_ s: String) -> String { "<bdi>\(escape(s))</bdi>" }

  /// An element with escaped attributes and raw (already built) content.
  static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String = "") -> String {
    let attrs = attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    return "<\(name)\(attrs)>\(content)</\(name)>"
  }

  /// The longest run of characters a line may not break in before a cell lets the browser break
  /// it anywhere (a long identifier or pasted text), so that no table grows wider than the page.
  static let longestUnbrokenRun = 24

  /// One body cell: words break only between words (no "monitor/ing"), citations never break, and
  /// a cell holding an unbroken run longer than `longestUnbrokenRun` may break inside it.
  static func cell(_ content: String, raw: Bool) -> String {
    let long = content.split(whereSeparator: { $0 == " " || $0 == "\n" }).contains { $0.count > longestUnbrokenRun }
    let inner = raw ? content : "<bdi>\(keepingCitationsWhole(escape(content)))</bdi>"
    return long ? "<td class=\"long\">\(inner)</td>" : "<td>\(inner)</td>"
  }

  /// Wraps each `file.txt:12-34` citation of escaped text in a span that does not break.
  static func keepingCitationsWhole(_ escaped: String) -> String {
    escaped.replacingOccurrences(
      of: #"([A-Za-z0-9_.-]+\.txt:[0-9]+(-[0-9]+)?|\b[0-9]{3}:[0-9]+(-[0-9]+)?)"#,
      with: "<span class=\"cite\">$1</span>",
      options: .regularExpression)
  }

  /// A table with a caption, header cells and escaped body cells.
  static func table(caption: String, columns: [String], rows: [[String]], rawCells: Bool = false) -> String {
    let head = "<thead><tr>" + columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>"
    let body = rows.map { row in "<tr>" + row.map { cell($0, raw: rawCells) }.joined() + "</tr>" }.joined(
      separator: "\n")
    return
      "<table><caption>\(escape(caption))</caption>\(head)<tbody>\(rows.isEmpty ? "<tr><td colspan=\"\(columns.count)\">None recorded.</td></tr>" : body)</tbody></table>"
  }
}
