import EventStore
import Foundation

/// Shared options.
enum CommonOptions {
  static let ledger = OptionSpec("ledger", value: "DIR", help: "the ledger directory (default: $JOURNEY_LEDGER)")
  static let queryLedger = OptionSpec(
    "ledger", value: "DIR", help: "the ledger directory (default: $JOURNEY_LEDGER, else the shipped sample)")
  static let format = OptionSpec("format", value: "FORMAT", help: "output format: table, json or csv (default table)")
  static let json = OptionSpec("json", help: "short for --format json")

  /// The options that cite a fact's source, or say it has none (`record`, `correct`).
  static let source = [
    OptionSpec("source-file", value: "F", help: "source document"),
    OptionSpec("source-lines", value: "L", help: "lines, e.g. 120-124"),
    OptionSpec("quote", value: "Q", help: "verbatim quote from the source"),
    OptionSpec("unsourced", help: "record it without a source (then shown as unsourced everywhere)"),
  ]
}
