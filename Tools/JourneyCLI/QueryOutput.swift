import EventStore
import Foundation

/// What a query produces: tables for people, JSON for programs.
public struct QueryOutput {
  public var tables: [Table]
  public var json: JSON
  /// Lines printed before the tables: the question answered and its time axes.
  public var heading: [String]

  public init(heading: [String] = [], tables: [Table], json: JSON) {
    self.heading = heading
    self.tables = tables
    self.json = json
  }

  /// Writes the output in `format` to standard output.
  func emit(_ format: OutputFormat, console: Console) {
    switch format {
    case .json: console.print(json.serialized())
    case .csv: console.write(tables.first?.csv() ?? "")
    case .table:
      let body = heading + tables.map { "\n" + $0.render() }
      console.print(body.joined(separator: "\n").trimmingCharacters(in: .newlines))
    }
  }
}
