import Foundation

/// `journey import csww`: the DfE children's social work workforce indicators file.
enum ImportCSWWCommand {
  static let spec = CommandSpec(
    name: "import csww", summary: "import the DfE social work workforce indicators CSV",
    usage: "journey import csww FILE --ledger DIR [--skip-bad-rows]", options: [CommonOptions.ledger],
    examples: ["journey import csww ../shared/data/csww_indicators_2017_to_2023.csv --ledger /tmp/national"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    throw CLIError.failure("'import csww' is not available in this version", hint: "see issue 7")
  }
}

/// `journey import ilacs`: the Ofsted ILACS inspection history file.
enum ImportILACSCommand {
  static let spec = CommandSpec(
    name: "import ilacs", summary: "import the Ofsted ILACS inspection history CSV",
    usage: "journey import ilacs FILE --ledger DIR [--skip-bad-rows]", options: [CommonOptions.ledger],
    examples: ["journey import ilacs ../shared/data/ofsted_csc_ilacs_history_north_west.csv --ledger /tmp/national"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    throw CLIError.failure("'import ilacs' is not available in this version", hint: "see issue 7")
  }
}
