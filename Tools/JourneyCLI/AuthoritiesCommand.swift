import EventStore
import JourneyDomain

/// `journey authorities`: the English authorities, regions and England the ledger knows.
enum AuthoritiesCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "authorities", summary: "list the authorities (from the DfE workforce file) with their codes",
    usage: "journey authorities [NAME] [--format F]", options: [CommonOptions.format, CommonOptions.json],
    examples: ["journey authorities", "journey authorities cumbria --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let format = try OutputFormat.from(parsed)
    var list = AuthorityRegistry.shared.all
    if let name = parsed.operands.first { list = [try QueryContext.resolve(name)] }
    let table = Table(
      columns: ["Name", "DfE", "ONS", "Region", "URN", "Years", "Stream"],
      rows: list.map { a in
        [a.name, a.dfeNumber, a.onsCodes.joined(separator: " "), a.regionName, a.ofstedURN ?? "", "\(a.years.lowerBound)–\(a.years.upperBound)"
          + (a.successors.isEmpty ? "" : " → " + a.successors.joined(separator: ", ")), a.stream]
      })
    let json = JSON.array(list.map { a in
      [
        "name": .string(a.name), "kind": .string(a.kind.rawValue), "dfe_number": .string(a.dfeNumber),
        "ons_codes": .array(a.onsCodes.map(JSON.string)), "region": .string(a.regionName), "ofsted_urn": ViewJSON.string(a.ofstedURN),
        "first_year": .number(Double(a.years.lowerBound)), "last_year": .number(Double(a.years.upperBound)),
        "successors": .array(a.successors.map(JSON.string)), "stream": .string(a.stream),
      ]
    })
    QueryOutput(tables: [table], json: json).emit(format, console: context.console)
    return .success
  }
}
