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

  /// A table with a caption, header cells and escaped body cells.
  static func table(caption: String, columns: [String], rows: [[String]], rawCells: Bool = false) -> String {
    let head = "<thead><tr>" + columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>"
    let body = rows.map { row in "<tr>" + row.map { "<td>\(rawCells ? $0 : text($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
    return "<table><caption>\(escape(caption))</caption>\(head)<tbody>\(rows.isEmpty ? "<tr><td colspan=\"\(columns.count)\">None recorded.</td></tr>" : body)</tbody></table>"
  }
}
