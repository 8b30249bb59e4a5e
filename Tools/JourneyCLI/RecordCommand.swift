import EventStore
import Foundation
import JourneyDomain

/// `journey record KIND`: appends one validated event given as options.
enum RecordCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "record", summary: "append one validated event given as options",
    usage:
      "journey record KIND --ledger DIR --authority A --reported DATE [--FIELD VALUE ...] (--source-file F --source-lines L --quote Q | --unsourced)",
    discussion: """
      KIND is an event type ('journey types' lists them, with their fields). Each payload field is
      an option with '_' written as '-': --fieldwork-start 2022-03-10. List fields repeat the option
      (--focus "children in care" --focus "care leavers"); judgements are --judgement AREA=GRADE.
      Refused: an unknown field, a value of the wrong type, a reported date before the event (except
      for plans and scheduled visits), a reference to an event id the ledger does not hold, and an
      event with no source unless --unsourced is given. 'journey correct' corrects a recorded fact.
      """,
    options: [
      CommonOptions.ledger, OptionSpec("authority", value: "A", help: "name, ONS code or DfE number"),
      OptionSpec("reported", value: "DATE", help: "date of the source that made the fact known"),
      OptionSpec("id", value: "ID", help: "event id (default: derived from the content)"),
    ] + CommonOptions.source,
    examples: [
      "journey record monitoring_visit --ledger /tmp/l --authority Trafford --reported 2022-05-09 --fieldwork-start 2022-03-10 --fieldwork-end 2022-03-11 --focus \"children in care\" --source-file letter.txt --source-lines 3-4 --quote \"the visit looked at children in care\"",
      "journey record ilacs_inspection --ledger /tmp/l --authority 358 --reported 2023-01-31 --inspection-type standard --fieldwork-start 2022-11-21 --fieldwork-end 2022-12-02 --judgement overall_effectiveness=\"Requires improvement\" --unsourced",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    guard let kind = arguments.first, !kind.hasPrefix("-") else {
      throw CLIError.usage("say which kind of event to record", hint: "'journey types' lists them")
    }
    let typeSpec: EventTypeSpec
    do { typeSpec = try EventCatalogue.spec(kind) } catch { throw CLIError.usage(error) }
    let fieldOptions =
      typeSpec.fields.map { field in
        OptionSpec(
          field.name.replacingOccurrences(of: "_", with: "-"), value: "VALUE", help: field.doc,
          repeatable: isList(field.kind))
      } + [OptionSpec("judgement", value: "AREA=GRADE", help: "a judgement", repeatable: true)]
    let parsed = try ArgumentParser.parse(
      Array(arguments.dropFirst()), options: spec.options + fieldOptions, command: "record \(kind)")
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let line = try eventLine(kind: kind, typeSpec: typeSpec, parsed: parsed)
    return try record(line, ledger: ledger, context: context)
  }

  /// Parses, checks against the ledger and appends one event line, saying what happened.
  static func record(_ line: JSON, ledger: String, context: CommandContext) throws -> ExitStatus {
    let event: DomainEvent
    do {
      event = try EventLine.parse(line)
      try RecordingChecks.reportedNotBeforeEvent(event)
      try LedgerEvents.checkReferences(event, ledger: ledger)
    } catch {
      throw CLIError.failure(
        optionName(error.field).map { "\($0): \(error.message)" } ?? error.description, hint: error.hint)
    }
    let result = try appendDomainEvents([event], ledgerPath: ledger, context: context)
    context.console.print(String(result.positions[0]))
    context.console.message(
      result.appended == 1
        ? "recorded \(event.id) at position \(result.positions[0])"
        : "already recorded: \(event.id) at position \(result.positions[0])")
    return .success
  }

  /// The option a payload field came from: `data.fieldwork_end` → `option --fieldwork-end`.
  static func optionName(_ field: String?) -> String? {
    guard let field else { return nil }
    if field.hasPrefix("data.fields.") { return "option --set \(field.dropFirst(12))" }
    let path = field.hasPrefix("data.") ? String(field.dropFirst(5)) : field
    let top = path.split(separator: ".").first.map(String.init) ?? path
    let option = top == "judgements" ? "judgement" : top.replacingOccurrences(of: "_", with: "-")
    return "option --\(option)"
  }

  private static func isList(_ kind: FieldKind) -> Bool {
    switch kind {
    case .texts, .eventIDs: true
    default: false
    }
  }

  /// Builds the import line the options describe.
  static func eventLine(kind: String, typeSpec: EventTypeSpec, parsed: ParsedArguments) throws(CLIError) -> JSON {
    var data: [String: JSON] = [:]
    for field in typeSpec.fields {
      let option = field.name.replacingOccurrences(of: "_", with: "-")
      guard let values = parsed.values[option] else { continue }
      data[field.name] = try value(values, kind: field.kind, option: option)
    }
    if let judgements = parsed.values["judgement"] {
      var map: [String: JSON] = [:]
      for pair in judgements {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .usage("invalid --judgement '\(pair)': expected AREA=GRADE") }
        map[parts[0]] = .string(parts[1])
      }
      data["judgements"] = .object(map)
    }
    var line: [String: JSON] = ["type": .string(kind), "data": .object(data)]
    line["authority"] = parsed.value("authority").map(JSON.string)
    line["reported"] = parsed.value("reported").map(JSON.string)
    line["id"] = parsed.value("id").map(JSON.string)
    line["source"] = try source(parsed)
    return .object(line)
  }

  /// The `source` of the line: the source options, or `{"kind": "unsourced"}` with --unsourced;
  /// neither is a usage error.
  static func source(_ parsed: ParsedArguments) throws(CLIError) -> JSON {
    let given = ["source-file", "source-lines", "quote"].contains { parsed.value($0) != nil }
    if parsed.flag("unsourced") {
      guard !given else { throw .usage("--unsourced cannot be given with --source-file, --source-lines or --quote") }
      return ["kind": .string(EventLine.unsourcedKind)]
    }
    guard given else {
      throw .usage(
        "no source: give --source-file, --source-lines and --quote",
        hint: "or --unsourced, and the fact is shown as unsourced everywhere")
    }
    return .object([
      "file": .string(parsed.value("source-file") ?? ""), "lines": .string(parsed.value("source-lines") ?? ""),
      "quote": .string(parsed.value("quote") ?? ""),
    ])
  }

  /// The typed value of an option for a field of `kind` (the last one, or all for lists).
  static func value(_ values: [String], kind: FieldKind, option: String) throws(CLIError) -> JSON {
    let text = values.last!
    switch kind {
    case .texts, .eventIDs: return .array(values.map(JSON.string))
    case .number, .integer:
      guard let n = Double(text) else { throw .usage("invalid value '\(text)' for --\(option): expected a number") }
      return .number(n)
    case .boolean:
      guard let b = ["true": true, "yes": true, "false": false, "no": false][text.lowercased()] else {
        throw .usage("invalid value '\(text)' for --\(option): expected true or false")
      }
      return .bool(b)
    case .object, .judgements, .notAvailable:
      do { return try JSONParser.parse(text) } catch { throw .usage("invalid JSON for --\(option): \(text)") }
    default: return .string(text)
    }
  }
}
