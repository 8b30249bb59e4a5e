import EventStore
import Foundation

/// A table of text cells with a title, rendered to fit a terminal width.
public struct Table: Sendable {
  /// The line printed above the table, if any.
  public var title: String?
  /// The column headings.
  public var columns: [String]
  /// The cells, a row at a time, as many as there are columns.
  public var rows: [[String]]
  /// Notes printed under the table (sources, time axis, conflicts).
  public var notes: [String] = []

  /// A table of `rows` under `columns`.
  public init(title: String? = nil, columns: [String], rows: [[String]], notes: [String] = []) {
    self.title = title
    self.columns = columns
    self.rows = rows
    self.notes = notes
  }

  /// The table as text no wider than `width`, shrinking the widest columns and wrapping their cells.
  public func render(width: Int = 100) -> String {
    let widths = fittedWidths(width: width)
    var lines: [String] = []
    if let title { lines.append(title) }
    lines.append(contentsOf: renderRow(columns, widths))
    lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { lines.append(contentsOf: renderRow(row, widths)) }
    if rows.isEmpty { lines.append("(none)") }
    for note in notes { lines.append(contentsOf: Table.wrap(note, width: width)) }
    return lines.map { $0.trailingWhitespaceTrimmed }.joined(separator: "\n")
  }

  private func fittedWidths(width: Int) -> [Int] {
    var widths = columns.indices.map { i in
      max(columns[i].count, rows.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0)
    }
    let budget = width - 2 * (columns.count - 1)
    while widths.reduce(0, +) > budget, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
      widths[widest] > 8
    {
      widths[widest] -= 1
    }
    return widths
  }

  private func renderRow(_ cells: [String], _ widths: [Int]) -> [String] {
    let wrapped = widths.indices.map { i in Table.wrap(i < cells.count ? cells[i] : "", width: widths[i]) }
    let height = wrapped.map(\.count).max() ?? 1
    return (0..<height).map { line in
      widths.indices.map { i in
        let text = line < wrapped[i].count ? wrapped[i][line] : ""
        return text + String(repeating: " ", count: max(0, widths[i] - text.count))
      }.joined(separator: "  ")
    }
  }

  /// Word-wraps `text` to `width` characters (breaking long words).
  static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0, text.count > width else { return [text] }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      var word = Substring(word)
      while word.count > width {
        if !current.isEmpty {
          lines.append(current)
          current = ""
        }
        lines.append(String(word.prefix(width)))
        word = word.dropFirst(width)
      }
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// The table as CSV (RFC 4180), with cells that a spreadsheet would run as formulas neutralised.
  public func csv() -> String {
    ([columns] + rows).map { row in row.map(CSVText.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }
}
