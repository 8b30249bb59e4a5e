/// The readable title of a public data file, derived from its name, for `meta.source.title`.
///
/// Imported rows cite a CSV file by name and line; the title says what the file is, as a committee
/// paper's title does, so views show a document rather than only a file name:
///
/// - `csww_indicators_2017_to_2023.csv`: "DfE, Children's social work workforce statistics,
///   2017 to 2023" (the years from the name; none when the name gives none);
/// - `ofsted_csc_ilacs_history_north_west.csv`: "Ofsted, children's social care inspection
///   outcomes (North West)" (the English region or England the name ends with, and "constructed
///   example" when the name says `constructed`; nothing in parentheses when it names neither).
public enum SourceFileTitle {
  /// The English regions and England, as a file name may spell them (`north_west`), with their names.
  static let areas: [(words: [String], name: String)] = [
    (["north", "east"], "North East"), (["north", "west"], "North West"),
    (["yorkshire", "and", "the", "humber"], "Yorkshire and the Humber"), (["east", "midlands"], "East Midlands"),
    (["west", "midlands"], "West Midlands"), (["east", "of", "england"], "East of England"),
    (["london"], "London"), (["south", "east"], "South East"), (["south", "west"], "South West"),
    (["england"], "England"),
  ]

  /// The title of a DfE children's social work workforce file named `fileName`.
  public static func csww(fileName: String) -> String {
    let base = "DfE, Children's social work workforce statistics"
    guard let (first, last) = yearRange(words(fileName)) else { return base }
    return "\(base), \(first) to \(last)"
  }

  /// The title of an Ofsted inspection-history file named `fileName`.
  public static func ilacs(fileName: String) -> String {
    let base = "Ofsted, children's social care inspection outcomes"
    let words = words(fileName)
    let notes = [area(words), words.contains("constructed") ? "constructed example" : nil].compactMap { $0 }
    return notes.isEmpty ? base : "\(base) (\(notes.joined(separator: ", ")))"
  }

  /// The lower-case words of a file name without its extension: `a_b-c.csv` is `a`, `b`, `c`.
  static func words(_ fileName: String) -> [String] {
    let stem = fileName.lowercased().split(separator: ".").first.map(String.init) ?? ""
    return stem.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map(String.init)
  }

  /// `YYYY` `to` `YYYY` in `words`, if the name has it.
  static func yearRange(_ words: [String]) -> (Int, Int)? {
    for index in words.indices.dropLast(2) where words[index + 1] == "to" {
      if let first = year(words[index]), let last = year(words[index + 2]) { return (first, last) }
    }
    return nil
  }

  /// A four-digit year.
  static func year(_ word: String) -> Int? { word.count == 4 ? Int(word) : nil }

  /// The region or England that `words` name after `history`, if any.
  static func area(_ words: [String]) -> String? {
    guard let history = words.firstIndex(of: "history") else { return nil }
    let rest = Array(words[(history + 1)...])
    return areas.first { rest.starts(with: $0.words) }?.name
  }
}
