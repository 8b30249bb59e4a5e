extension Table {
  /// The name of the `section` rows that carry an answer's heading (its question and time axes).
  static let headingSection = "heading"

  /// Every table of an answer as one CSV: a `section` column (the table's title), the union of the
  /// tables' columns in order of first appearance, and a `note` column.
  ///
  /// Each table row fills the columns its table has and leaves the others empty; each heading line
  /// and each note under a table is a row of its own with only `section` and `note` filled (an empty
  /// table gets the note `(none)`), so nothing that the table output shows is lost.
  public static func sectionedCSV(heading: [String], tables: [Table]) -> String {
    var columns: [String] = []
    for column in tables.flatMap(\.columns) where !columns.contains(column) { columns.append(column) }
    let noteColumn = columns.contains("note") ? "section_note" : "note"
    let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    func noteRow(_ section: String, _ note: String) -> [String] {
      [section] + Array(repeating: "", count: columns.count) + [note]
    }
    var rows = heading.filter { !$0.isEmpty }.map { noteRow(headingSection, $0) }
    for table in tables {
      let section = table.title ?? "result"
      for row in table.rows {
        var cells = Array(repeating: "", count: columns.count)
        for (i, cell) in row.enumerated() where i < table.columns.count { cells[index[table.columns[i]]!] = cell }
        rows.append([section] + cells + [""])
      }
      if table.rows.isEmpty { rows.append(noteRow(section, "(none)")) }
      rows += table.notes.map { noteRow(section, $0) }
    }
    return Table(columns: ["section"] + columns + [noteColumn], rows: rows).csv()
  }
}
