import EventStore
import Foundation

/// Shared options.
enum CommonOptions {
  static let ledger = OptionSpec("ledger", value: "DIR", help: "the ledger directory (default: $JOURNEY_LEDGER)")
  static let queryLedger = OptionSpec(
    "ledger", value: "DIR", help: "the ledger directory (default: $JOURNEY_LEDGER, else the shipped sample)")
  static let format = OptionSpec("format", value: "FORMAT", help: "output format: table, json or csv (default table)")
  static let json = OptionSpec("json", help: "short for --format json")
}
