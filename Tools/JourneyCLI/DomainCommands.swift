import EventStore
import Foundation
import JourneyDomain

/// The store's clock for write commands: the system clock, or `SOURCE_DATE_EPOCH` when set, so
/// that a ledger built twice from the same input is byte-for-byte the same.
func writeClock(_ context: CommandContext) throws(CLIError) -> Clock {
  guard let text = context.environment["SOURCE_DATE_EPOCH"] else { return .system }
  guard let seconds = Double(text), seconds >= 0 else {
    throw .usage("invalid SOURCE_DATE_EPOCH '\(text)': expected seconds since 1970")
  }
  return .fixed(seconds)
}

/// Appends validated domain events as one batch, saying what happened.
func appendDomainEvents(_ events: [DomainEvent], ledgerPath: String, context: CommandContext) throws -> AppendResult {
  let ledger = try Ledger(at: ledgerPath, create: true, clock: try writeClock(context))
  reportRecoveries(ledger, console: context.console)
  return try ledger.append(events.map(\.newEvent))
}

/// The ids already in a ledger (for checking references), read only when needed.
func ledgerIDs(_ path: String) -> Set<String> {
  guard let reader = try? LedgerReader(at: path) else { return [] }
  var ids: Set<String> = []
  try? reader.forEach { view in
    ids.insert(view.id)
    return true
  }
  return ids
}

/// `journey import events`: validated domain events from JSON lines, as one atomic batch.
enum ImportEventsCommand {
  static let spec = CommandSpec(
    name: "import events", summary: "append domain events from JSON lines as one atomic batch",
    usage: "journey import events FILE|- [FILE…] --ledger DIR",
    discussion: """
      Each line is {"id", "type", "authority", "reported", "source", "data"} (docs/EVENTS.md). Every
      line is validated first; one invalid line and nothing is appended, and the error names the
      file, line and field. Several files are one batch, read in the order given, so an event may
      refer to an event of another file. Events already in the ledger with identical content are
      skipped, so importing the same files twice appends nothing.
      """,
    options: [CommonOptions.ledger],
    examples: [
      "journey import events examples/sample-ledger/*.jsonl --ledger /tmp/trafford",
      "cat new-facts.jsonl | journey import events - --ledger /tmp/trafford",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try ArgumentParser.parse(arguments, options: spec.options, command: spec.name)
    guard !parsed.operands.isEmpty else { throw CLIError.usage("expected a FILE (or - for stdin)", hint: "usage: \(spec.usage)") }
    guard parsed.operands.filter({ $0 == "-" }).count <= 1 else { throw CLIError.usage("stdin (-) can be read only once", hint: "usage: \(spec.usage)") }
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let inputs = try parsed.operands.map { operand throws(CLIError) -> (text: String, name: String) in
      let (text, name) = try InputFile.read(operand, context: context)
      return (text, name)
    }
    let batch = ImportBatch(inputs)
    let events: [DomainEvent]
    var knownIDs: Set<String>? = nil
    do {
      events = try EventLine.parseBatch(batch.text) { id in
        if knownIDs == nil { knownIDs = ledgerIDs(ledger) }
        return knownIDs!.contains(id)
      }
    } catch {
      throw CLIError.failure(batch.locate(error), hint: error.hint ?? "nothing was appended; fix the line and run the import again")
    }
    guard !events.isEmpty else { throw CLIError.failure("\(batch.names) holds no events") }
    let result = try appendDomainEvents(events, ledgerPath: ledger, context: context)
    context.console.message(
      "read \(events.count) events from \(batch.names): appended \(result.appended), already present \(events.count - result.appended); head is position \(result.head.position)")
    return .success
  }
}

/// Several input files read as one text, remembering where each starts so an error on a line of
/// the whole names the file and its own line.
struct ImportBatch {
  /// The inputs joined, each ending in a newline.
  let text: String
  /// Each input's name and the line of `text` it starts on (1-based), in order.
  let starts: [(name: String, line: Int)]

  init(_ inputs: [(text: String, name: String)]) {
    var text = ""
    var starts: [(String, Int)] = []
    var line = 1
    for input in inputs {
      starts.append((input.name, line))
      let body = input.text.isEmpty || input.text.hasSuffix("\n") ? input.text : input.text + "\n"
      text += body
      line += body.utf8.filter { $0 == 0x0A }.count
    }
    self.text = text
    self.starts = starts
  }

  /// The inputs' names, for messages: `a.jsonl` or `a.jsonl, b.jsonl`.
  var names: String { starts.map(\.name).joined(separator: ", ") }

  /// `error` prefixed with the file it is in, its line counted within that file.
  func locate(_ error: DomainError) -> String {
    guard let line = error.line, let start = starts.last(where: { $0.line <= line }) else { return "\(names) \(error.description)" }
    return "\(start.name) \(error.at(line: line - start.line + 1).description)"
  }
}

/// Reads a whole input file or stdin, as UTF-8.
enum InputFile {
  static let maximumBytes = 256 << 20

  static func read(_ operand: String, context: CommandContext) throws(CLIError) -> (String, String) {
    let bytes: [UInt8]
    let name: String
    if operand == "-" {
      name = "stdin"
      bytes = try BoundedInput.read(context.readStandardInput, name: name)
    } else {
      let path = LedgerLocation.absolute(operand, context)
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw .failure("cannot read \(operand)", hint: FileManager.default.fileExists(atPath: path) ? "check its permissions" : "no such file")
      }
      name = operand
      bytes = try BoundedInput.read({ Array(handle.readData(ofLength: 1 << 20)) }, name: name)
    }
    guard let text = UTF8Text.string(bytes) else {
      let line = bytes.prefix { $0 != 0 }.filter { $0 == 0x0A }.count + 1
      throw .failure("\(name) is not valid UTF-8 (first bad byte near line \(line))")
    }
    if let nul = text.utf8.firstIndex(of: 0) {
      throw .failure("\(name) line \(text.utf8[..<nul].filter { $0 == 0x0A }.count + 1) contains a NUL byte")
    }
    return (text, name)
  }
}

/// Reads input in chunks, refusing a line longer than a record may be (or input over 256 MiB)
/// as soon as it is seen, so hostile input cannot make `journey` hold it all.
enum BoundedInput {
  static let maximumLineBytes = 4 << 20

  static func read(_ next: () -> [UInt8], name: String) throws(CLIError) -> [UInt8] {
    var all: [UInt8] = []
    var lineStart = 0
    var line = 1
    while true {
      let chunk = next()
      if chunk.isEmpty { return all }
      for (i, byte) in chunk.enumerated() where byte == 0x0A {
        let end = all.count + i
        guard end - lineStart <= maximumLineBytes else { throw tooLong(name, line) }
        lineStart = end + 1
        line += 1
      }
      all.append(contentsOf: chunk)
      guard all.count - lineStart <= maximumLineBytes else { throw tooLong(name, line) }
      guard all.count <= InputFile.maximumBytes else { throw .failure("\(name) is larger than \(InputFile.maximumBytes >> 20) MiB") }
    }
  }

  static func tooLong(_ name: String, _ line: Int) -> CLIError {
    .failure("\(name) line \(line) is longer than \(maximumLineBytes >> 20) MiB; nothing was appended", hint: "an event is at most 4 MiB; split or shorten the input")
  }
}

/// `journey import`: dispatches to `import events`, `import csww` and `import ilacs`.
enum ImportCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "import", summary: "import domain events (events) or national data files (csww, ilacs)",
    usage: "journey import events|csww|ilacs FILE --ledger DIR",
    discussion: "Run 'journey import events --help' (or csww, ilacs) for each kind.",
    options: [], examples: ["journey import events examples/sample-ledger/*.jsonl --ledger /tmp/ledger"])

  static var kinds: [String: (spec: CommandSpec, run: ([String], CommandContext) throws -> ExitStatus)] {
    [
    "events": (ImportEventsCommand.spec, ImportEventsCommand.run),
    "csww": (ImportCSWWCommand.spec, ImportCSWWCommand.run),
    "ilacs": (ImportILACSCommand.spec, ImportILACSCommand.run),
    ]
  }

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    guard let kind = arguments.first else { throw CLIError.usage("say what to import: events, csww or ilacs", hint: "usage: \(spec.usage)") }
    guard let command = kinds[kind] else {
      let hint = Suggestions.nearest(to: kind, in: kinds.keys.sorted(), limit: 1).first.map { "did you mean '\($0)'?" }
      throw CLIError.usage("unknown import kind '\(kind)'; expected events, csww or ilacs", hint: hint)
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      context.console.print(command.spec.help)
      return .success
    }
    return try command.run(rest, context)
  }
}

/// `journey record KIND`: appends one validated event given as options.
enum RecordCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "record", summary: "append one validated event given as options",
    usage: "journey record KIND --ledger DIR --authority A --reported DATE [--FIELD VALUE ...] [--source-file F --source-lines L --quote Q]",
    discussion: """
      KIND is an event type ('journey types' lists them, with their fields). Each payload field is
      an option with '_' written as '-': --fieldwork-start 2022-03-10. List fields repeat the option
      (--focus "children in care" --focus "care leavers"); judgements are --judgement AREA=GRADE.
      """,
    options: [
      CommonOptions.ledger, OptionSpec("authority", value: "A", help: "name, ONS code or DfE number"),
      OptionSpec("reported", value: "DATE", help: "date of the source that made the fact known"),
      OptionSpec("id", value: "ID", help: "event id (default: derived from the content)"),
      OptionSpec("source-file", value: "F", help: "source document"), OptionSpec("source-lines", value: "L", help: "lines, e.g. 120-124"),
      OptionSpec("quote", value: "Q", help: "verbatim quote from the source"),
    ],
    examples: [
      "journey record monitoring_visit --ledger /tmp/l --authority Trafford --reported 2022-05-09 --fieldwork-start 2022-03-10 --fieldwork-end 2022-03-11 --focus \"children in care\"",
      "journey record ilacs_inspection --ledger /tmp/l --authority 358 --reported 2023-01-31 --inspection-type standard --fieldwork-start 2022-11-21 --fieldwork-end 2022-12-02 --judgement overall_effectiveness=\"Requires improvement\"",
    ])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    guard let kind = arguments.first, !kind.hasPrefix("-") else {
      throw CLIError.usage("say which kind of event to record", hint: "'journey types' lists them")
    }
    let typeSpec: EventTypeSpec
    do { typeSpec = try EventCatalogue.spec(kind) } catch { throw CLIError.usage(error.message, hint: error.hint) }
    let fieldOptions = typeSpec.fields.map { field in
      OptionSpec(field.name.replacingOccurrences(of: "_", with: "-"), value: "VALUE", help: field.doc, repeatable: isList(field.kind))
    } + [OptionSpec("judgement", value: "AREA=GRADE", help: "a judgement", repeatable: true)]
    let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), options: spec.options + fieldOptions, command: "record \(kind)")
    let ledger = try LedgerLocation.forWriting(parsed, context: context, command: spec.name)
    let line = try eventLine(kind: kind, typeSpec: typeSpec, parsed: parsed)
    let event: DomainEvent
    do { event = try EventLine.parse(line) } catch {
      throw CLIError.failure(optionName(error.field).map { "\($0): \(error.message)" } ?? error.description, hint: error.hint)
    }
    let result = try appendDomainEvents([event], ledgerPath: ledger, context: context)
    context.console.print(String(result.positions[0]))
    context.console.message(result.appended == 1 ? "recorded \(event.id) at position \(result.positions[0])" : "already recorded: \(event.id) at position \(result.positions[0])")
    return .success
  }

  /// The option a payload field came from: `data.fieldwork_end` → `option --fieldwork-end`.
  static func optionName(_ field: String?) -> String? {
    guard let field else { return nil }
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
    if parsed.value("source-file") != nil || parsed.value("quote") != nil {
      line["source"] = .object([
        "file": .string(parsed.value("source-file") ?? ""), "lines": .string(parsed.value("source-lines") ?? ""),
        "quote": .string(parsed.value("quote") ?? ""),
      ])
    }
    return .object(line)
  }

  private static func value(_ values: [String], kind: FieldKind, option: String) throws(CLIError) -> JSON {
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

/// `journey types`: the event catalogue.
enum TypesCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "types", summary: "list the event types and their fields",
    usage: "journey types [TYPE] [--json]", options: [CommonOptions.json],
    examples: ["journey types", "journey types workforce_figure"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let specs: [EventTypeSpec]
    if let name = parsed.operands.first {
      do { specs = [try EventCatalogue.spec(name)] } catch { throw CLIError.usage(error.message) }
    } else {
      specs = EventCatalogue.all
    }
    if parsed.flag("json") {
      let json = JSON.array(specs.map { s in
        [
          "type": .string(s.name), "version": .number(Double(s.version)), "summary": .string(s.summary),
          "valid_time": .string(s.valid.documentation),
          "fields": .array(s.fields.map { ["name": .string($0.name), "required": .bool($0.required), "expects": .string($0.kind.expectation)] }),
        ]
      })
      context.console.print(json.serialized())
      return .success
    }
    for s in specs {
      context.console.print("\(s.name) (v\(s.version)): \(s.summary)")
      if specs.count == 1 {
        for f in s.fields { context.console.print("  \(f.name)\(f.required ? "" : " (optional)"): \(f.kind.expectation)") }
        context.console.print("  valid time: \(s.valid.documentation)")
      }
    }
    return .success
  }
}
