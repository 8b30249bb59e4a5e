import EventStore
import Foundation

/// What a query produces: tables for people, JSON for programs.
public struct QueryOutput {
  /// The tables shown in table and CSV formats.
  public var tables: [Table]
  /// The whole answer for `--format json`.
  public var json: JSON
  /// Lines printed before the tables: the question answered and its time axes.
  public var heading: [String]

  /// An answer with its heading lines, tables and JSON form.
  public init(heading: [String] = [], tables: [Table], json: JSON) {
    self.heading = heading
    self.tables = tables
    self.json = json
  }

  /// Writes the output in `format` to standard output.
  ///
  /// Each format names the ledger read (`Console.ledgerRead`): a `Ledger:` line under the heading,
  /// a heading row in CSV, and a top-level `ledger` member when the JSON answer is an object.
  func emit(_ format: OutputFormat, console: Console) {
    let heading = heading + (console.ledgerRead.map { ["Ledger: \($0)"] } ?? [])
    switch format {
    case .json: console.print(QueryOutput.naming(console.ledgerRead, in: json).serialized())
    case .csv: console.write(Table.sectionedCSV(heading: heading, tables: tables))
    case .table:
      let body = heading + tables.map { "\n" + $0.render() }
      console.print(body.joined(separator: "\n").trimmingCharacters(in: .newlines))
    }
  }

  /// `json` with a `ledger` member naming the ledger read, when it is an object without one.
  static func naming(_ ledger: String?, in json: JSON) -> JSON {
    guard let ledger, case .object(var members) = json, members["ledger"] == nil else { return json }
    members["ledger"] = .string(ledger)
    return .object(members)
  }
}
