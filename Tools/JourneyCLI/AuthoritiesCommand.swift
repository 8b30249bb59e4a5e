import EventStore
import JourneyDomain

/// `journey authorities`: the English authorities, regions and England the ledger knows.
enum AuthoritiesCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "authorities", summary: "list or search the authorities, past and present, with their codes",
    usage: "journey authorities [NAME | --search TEXT] [--format F]",
    discussion: """
      Every English local authority with children's services since 2017, including those ended by
      a reorganisation (with the day they ended and their successors), the regions and England.
      NAME finds one authority as every command does (exact after normalisation). --search TEXT
      lists those whose name, other names, ONS codes (old and new), DfE number or Ofsted URN
      contain TEXT, any case; those starting with it first.
      """,
    options: [
      OptionSpec("search", value: "TEXT", help: "list the authorities whose names or codes contain TEXT"),
      CommonOptions.format, CommonOptions.json,
    ],
    examples: [
      "journey authorities", "journey authorities cumbria --json", "journey authorities --search north",
      "journey authorities --search E08000016",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let format = try OutputFormat.from(parsed)
    let list = try authorities(parsed)
    let table = Table(
      columns: ["Name", "DfE", "ONS", "Region", "URN", "Years", "Stream"],
      rows: list.map { a in
        [
          a.name, a.dfeNumber, a.onsCodes.joined(separator: " "), a.regionName,
          a.kind == .localAuthority ? a.ofstedURN ?? "not known" : "", years(a), a.stream,
        ]
      },
      notes: notes(list))
    QueryOutput(tables: [table], json: .array(list.map(json))).emit(format, console: context.console)
    return .success
  }

  /// The authorities asked for: all, one by NAME, or those matching --search.
  static func authorities(_ parsed: ParsedArguments) throws -> [Authority] {
    if let text = parsed.value("search") {
      guard parsed.operands.isEmpty else {
        throw CLIError.usage("give NAME or --search TEXT, not both", hint: "usage: \(spec.usage)")
      }
      let found = AuthorityRegistry.shared.search(text)
      guard !found.isEmpty else {
        let near = AuthorityRegistry.shared.nearest(to: text)
        throw CLIError.failure(
          "no authority's name or code contains '\(text)'"
            + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"),
          hint: "'journey authorities' lists them all")
      }
      return found
    }
    if let name = parsed.operands.first { return [try QueryContext.resolve(name)] }
    return AuthorityRegistry.shared.all
  }

  static func years(_ a: Authority) -> String {
    "\(a.years.lowerBound)–\(a.years.upperBound)"
      + (a.successors.isEmpty ? "" : " → " + a.successors.joined(separator: ", "))
  }

  /// Other names and the days a reorganisation began or ended an authority, under the table.
  static func notes(_ list: [Authority]) -> [String] {
    list.compactMap { a in
      var parts: [String] = []
      if !a.variants.isEmpty { parts.append("also " + a.variants.joined(separator: ", ")) }
      if let from = a.validFrom { parts.append("from \(from)") }
      if let to = a.validTo { parts.append("until \(to)") }
      return parts.isEmpty ? nil : "\(a.name) (\(a.dfeNumber)): " + parts.joined(separator: "; ")
    }
  }

  static func json(_ a: Authority) -> JSON {
    [
      "name": .string(a.name), "kind": .string(a.kind.rawValue), "dfe_number": .string(a.dfeNumber),
      "ons_codes": .array(a.onsCodes.map(JSON.string)), "region": .string(a.regionName),
      "ofsted_urn": ViewJSON.string(a.ofstedURN),
      "first_year": .number(Double(a.years.lowerBound)), "last_year": .number(Double(a.years.upperBound)),
      "successors": .array(a.successors.map(JSON.string)), "stream": .string(a.stream),
      "variants": .array(a.variants.map(JSON.string)), "valid_from": ViewJSON.string(a.validFrom),
      "valid_to": ViewJSON.string(a.validTo),
    ]
  }
}
