import EventStore
import Foundation
import JourneyDomain

/// `journey correct`: corrects named fields of a recorded fact with one command, no JSON.
enum CorrectCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "correct", summary: "correct fields of a recorded fact (appends a correction; the original stays)",
    usage:
      "journey correct --ledger DIR --id EVENT --set FIELD=VALUE [--set ...] --reason TEXT --reported DATE (--source-file F --source-lines L --quote Q | --unsourced)",
    discussion: """
      Appends a correction event that names EVENT and the fields it changes; the original is never
      edited, and every view shows the corrected value with "corrected from OLD by ID". Each VALUE is
      read as the field's type (a number for value, a date, a choice, JSON for objects). Refused: an
      id the ledger does not hold, a field the event's type does not have, a value of the wrong type,
      a reported date before the corrected event's, and no source unless --unsourced is given.
      """,
    options: [
      CommonOptions.ledger, OptionSpec("id", value: "EVENT", help: "the id of the event to correct"),
      OptionSpec("set", value: "FIELD=VALUE", help: "a field and its corrected value (repeatable)", repeatable: true),
      OptionSpec("reason", value: "TEXT", help: "why it is corrected"),
      OptionSpec("reported", value: "DATE", help: "date of the source that made the correction known"),
      OptionSpec("correction-id", value: "ID", help: "id of the correction event (default: derived from the content)"),
    ] + CommonOptions.source,
    examples: [
      "journey correct --ledger /tmp/l --id trafford-caseload-2022-07 --set value=18 --reason \"the report says 18\" --reported 2022-09-27 --source-file 000_84c332c63edd5a81.txt --source-lines 702 --quote \"current average 18 children\""
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let id = try parsed.required("id", for: spec.name)
    guard let target = LedgerEvents.events(ids: [id], ledger: ledger)[id] else {
      throw CLIError.failure(
        "option --id: no event '\(id)' in \(ledger)", hint: "'journey log --authority A' lists the events and their ids"
      )
    }
    let fields = try correctedFields(parsed.values["set"] ?? [], target: target)
    var line: [String: JSON] = [
      "type": .string("correction"), "authority": .string(target.stream), "source": try RecordCommand.source(parsed),
      "data": [
        "target": .string(id), "fields": .object(fields),
        "reason": .string(try parsed.required("reason", for: spec.name)),
      ],
    ]
    line["reported"] = .string(try parsed.required("reported", for: spec.name))
    line["id"] = parsed.value("correction-id").map(JSON.string)
    return try RecordCommand.record(.object(line), ledger: ledger, context: context)
  }

  /// The `--set FIELD=VALUE` pairs as typed values of the target type's fields.
  static func correctedFields(_ pairs: [String], target: CorrectionTarget) throws(CLIError) -> [String: JSON] {
    guard !pairs.isEmpty else {
      throw .usage("say what to correct with --set FIELD=VALUE", hint: "e.g. --set value=18")
    }
    let typeSpec: EventTypeSpec
    do { typeSpec = try EventCatalogue.spec(target.type) } catch { throw .failure(error.message) }
    var fields: [String: JSON] = [:]
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else { throw .usage("invalid --set '\(pair)': expected FIELD=VALUE") }
      guard let field = typeSpec.fields.first(where: { $0.name == parts[0] }) else {
        throw .usage(
          "option --set \(parts[0]): \(target.type) has no field '\(parts[0])'",
          hint: "its fields: \(typeSpec.fields.map(\.name).joined(separator: ", "))")
      }
      fields[field.name] = try RecordCommand.value([parts[1]], kind: field.kind, option: "set \(field.name)")
    }
    return fields
  }
}
