import EventStore
import Foundation

/// Output formats of query commands.
public enum OutputFormat: String, Sendable, CaseIterable {
  case table, json, csv

  /// The format chosen by `--format` or `--json`.
  static func from(_ arguments: ParsedArguments) throws(CLIError) -> OutputFormat {
    if arguments.flag("json") { return .json }
    guard let text = arguments.value("format") else { return .table }
    guard let format = OutputFormat(rawValue: text.lowercased()) else {
      let hint = Suggestions.nearest(to: text, in: allCases.map(\.rawValue), limit: 1).first.map {
        "did you mean \($0)?"
      }
      throw .usage("invalid value '\(text)' for --format: expected table, json or csv", hint: hint)
    }
    return format
  }
}
