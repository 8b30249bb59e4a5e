import EventStore
import Foundation

/// The header of a CSV file: column names to positions, for the importers.
struct CSVHeaderMap {
  let names: [String]
  let index: [String: Int]

  init(names: [String]) {
    self.names = names
    index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func value(_ row: CSVRow, _ name: String) -> String { index[name].map { row.fields[$0] } ?? "" }

  /// The 1-based column number of `name`.
  func column(_ name: String) -> Int { (index[name] ?? -1) + 1 }
}
