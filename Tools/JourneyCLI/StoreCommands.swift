import EventStore
import Foundation

/// `journey append`: appends JSON lines from standard input as one atomic batch.
enum AppendCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "append", summary: "append raw events from JSON lines on stdin as one atomic batch",
    usage: "journey append --ledger DIR [--expected-position N] < events.jsonl",
    discussion: """
      Each input line is an object with "type" and "data" and optionally "id", "stream", "v",
      "valid" ({"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}) and "meta". The whole input is one batch:
      every line is checked first, and one bad line appends nothing. Prints the position assigned
      to each line; a line whose id is already stored with identical content keeps its position.
      The ledger is created if the directory holds none. For checked domain events use
      'journey import events'.
      """,
    options: [
      CommonOptions.ledger,
      OptionSpec("expected-position", value: "N", help: "append only if the log ends at position N"),
      OptionSpec("segment-bytes", value: "N", help: "segment size when this creates the ledger (default 64 MiB)"),
      OptionSpec(
        "batch-size", value: "N",
        help: "split the input into batches of N lines, each acknowledged (printed) once durable"),
    ],
    examples: [
      #"echo '{"type":"note","stream":"demo","data":{"text":"hello"}}' | journey append --ledger /tmp/demo"#,
      "journey append --ledger /tmp/demo --expected-position 41 < batch.jsonl",
    ])

  struct Config: Equatable {
    var ledger: String
    var expectedPosition: Int?
    var batchSize: Int?
    var segmentBytes: Int = LedgerLayout.defaultSegmentBytes
  }

  static func config(_ arguments: [String], context: CommandContext) throws(CLIError) -> Config {
    let parsed = try parse(arguments)
    guard parsed.operands.isEmpty else { throw .usage("unexpected argument '\(parsed.operands[0])'; events are read from stdin") }
    return Config(
      ledger: try LedgerLocation.forWriting(parsed, context: context, command: spec.name),
      expectedPosition: try parsed.integer("expected-position", in: 0...Int(Int32.max) * 1000),
      batchSize: try parsed.integer("batch-size", in: 1...1_000_000),
      segmentBytes: try parsed.integer("segment-bytes", in: 1024...(1 << 40)) ?? LedgerLayout.defaultSegmentBytes)
  }

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let config = try config(arguments, context: context)
    let events = try RawEventLines.parse(try BoundedInput.read(context.readStandardInput, name: "stdin"), source: "stdin")
    guard !events.isEmpty else { throw CLIError.usage("no events on stdin", hint: "pipe JSON lines into 'journey append'") }
    let ledger = try Ledger(at: config.ledger, create: true, segmentBytes: config.segmentBytes, clock: try writeClock(context))
    reportRecoveries(ledger, console: context.console)
    var appended = 0
    var head = 0
    let size = config.batchSize ?? events.count
    for start in stride(from: 0, to: events.count, by: size) {
      let batch = Array(events[start..<min(start + size, events.count)])
      let result = try ledger.append(batch, expectedPosition: start == 0 ? config.expectedPosition : nil)
      for position in result.positions { context.console.print(String(position)) }
      context.console.flush()  // each acknowledgement is printed once the batch is durable
      appended += result.appended
      head = result.head.position
    }
    let reused = events.count - appended
    context.console.message(
      "appended \(appended) event\(appended == 1 ? "" : "s")"
        + (reused > 0 ? " (\(reused) already stored)" : "") + "; head is position \(head)")
    return .success
  }
}

/// Tells the user when opening a ledger removed an interrupted batch.
func reportRecoveries(_ ledger: Ledger, console: Console) {
  for recovery in ledger.recoveries {
    console.message(
      "recovered: removed \(recovery.bytesRemoved) bytes of an interrupted batch from \(recovery.file); the log ends at position \(recovery.position)")
  }
}

/// Reads the raw event lines of `journey append`.
enum RawEventLines {
  /// Parses every line; the first bad one is an error naming its line and field.
  static func parse(_ input: [UInt8], source: String) throws(CLIError) -> [NewEvent] {
    var events: [NewEvent] = []
    var lineNumber = 0
    for line in input.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.last == 0x0D ? line.dropLast() : line
      if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      events.append(try event(Array(trimmed), line: lineNumber, source: source))
    }
    return events
  }

  private static func event(_ bytes: [UInt8], line: Int, source: String) throws(CLIError) -> NewEvent {
    func fail(_ field: String, _ message: String) -> CLIError {
      .failure("\(source) line \(line), field \(field): \(message)")
    }
    let json: JSON
    do { json = try JSONParser.parse(bytes: bytes) } catch {
      throw .failure("\(source) line \(line): \((error as? StoreError)?.message ?? "\(error)")")
    }
    guard case .object(let members) = json else { throw fail("(line)", "expected a JSON object") }
    let known: Set = ["id", "type", "stream", "v", "valid", "data", "meta"]
    if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
      throw fail(unknown, "unknown field; expected one of \(known.sorted().joined(separator: ", "))")
    }
    guard let type = members["type"]?.stringValue, !type.isEmpty else { throw fail("type", "required, a non-empty string") }
    guard let data = members["data"], case .object = data else { throw fail("data", "required, a JSON object") }
    let meta = members["meta"] ?? [:]
    guard case .object = meta else { throw fail("meta", "expected a JSON object") }
    let version = members["v"].map { $0.intValue } ?? 1
    guard let version, version >= 1 else { throw fail("v", "expected a positive whole number") }
    let valid = try validTime(members["valid"], fail: fail)
    let stream = members["stream"]?.stringValue ?? "default"
    let id = members["id"]?.stringValue ?? derivedID(type: type, stream: stream, valid: valid, data: data, meta: meta)
    return NewEvent(id: id, type: type, schemaVersion: version, stream: stream, valid: valid, data: data, meta: meta)
  }

  private static func validTime(_ json: JSON?, fail: (String, String) -> CLIError) throws(CLIError) -> ValidTime? {
    guard let json, json != .null else { return nil }
    if let day = json.stringValue { return ValidTime(day: day) }
    guard let from = json["from"]?.stringValue, let to = json["to"]?.stringValue else {
      throw fail("valid", #"expected "YYYY-MM-DD" or {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}"#)
    }
    return ValidTime(from: from, to: to)
  }

  /// An id derived from the content, so that re-appending the same line is idempotent.
  static func derivedID(type: String, stream: String, valid: ValidTime?, data: JSON, meta: JSON) -> String {
    var hasher = SHA256()
    let content = [type, stream, valid?.from ?? "", valid?.to ?? "", data.serialized(), meta.serialized()].joined(separator: "\u{0}")
    hasher.update(Array(content.utf8))
    return type + "-" + String(HashChain.hexString(hasher.finalize().bytes).prefix(20))
  }
}

/// `journey read`: prints stored records as JSON lines.
enum ReadCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "read", summary: "print stored records as JSON lines",
    usage: "journey read [--ledger DIR] [--from N] [--limit K] [--stream S] [--type T]",
    discussion: "Streams records in position order without holding the log in memory.",
    options: [
      CommonOptions.queryLedger,
      OptionSpec("from", value: "N", help: "first position to print (default 1)"),
      OptionSpec("limit", value: "K", help: "print at most K records"),
      OptionSpec("stream", value: "S", help: "only records of stream S (repeatable)", repeatable: true),
      OptionSpec("type", value: "T", help: "only records of type T (repeatable)", repeatable: true),
    ],
    examples: ["journey read --ledger /tmp/demo --from 40 --limit 5", "journey read --type ilacs_inspection | jq .data"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let path = LedgerLocation.forReading(parsed, context: context)
    let from = try parsed.integer("from", in: 1...Int.max / 2) ?? 1
    let limit = try parsed.integer("limit", in: 0...Int.max / 2)
    var filter = ReadFilter(from: from)
    filter.streams = parsed.values["stream"].map(Set.init)
    filter.types = parsed.values["type"].map(Set.init)
    let reader = try LedgerReader(at: path)
    var printed = 0
    try reader.forEach(filter) { view in
      if let limit, printed >= limit { return false }
      context.console.write(String(decoding: view.bytes, as: UTF8.self) + "\n")
      printed += 1
      return true
    }
    return .success
  }
}

/// `journey verify`: checks every record and the whole hash chain.
enum VerifyCommand: JourneySubcommand {
  static let spec = CommandSpec(
    name: "verify", summary: "check every record and the whole hash chain",
    usage: "journey verify [--ledger DIR] [--json]",
    discussion: """
      Prints the record count, the last position and the head hash. On any damage (a flipped bit,
      a deleted, duplicated or reordered record, a truncated middle, a missing segment) exits 1
      naming the first bad position and byte offset.
      """,
    options: [CommonOptions.queryLedger, CommonOptions.json],
    examples: ["journey verify --ledger /tmp/demo", "journey verify --json"])

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let parsed = try parse(arguments)
    let path = LedgerLocation.forReading(parsed, context: context)
    var bar = ProgressBar(console: context.console, label: "verify", total: 0, unit: "B")
    let report = try Verifier.verify(at: path) { done, total in
      bar.total = total
      bar.update(done)
    }
    bar.finish()
    if parsed.flag("json") {
      let json: JSON = [
        "ok": true, "records": .number(Double(report.records)), "last_position": .number(Double(report.lastPosition)),
        "head_hash": .string(report.headHash), "segments": .number(Double(report.segments)),
        "bytes": .number(Double(report.bytes)),
      ]
      context.console.print(json.serialized())
    } else {
      context.console.print("ok: \(report.records) records in \(report.segments) segment\(report.segments == 1 ? "" : "s") (\(report.bytes) bytes)")
      context.console.print("last position: \(report.lastPosition)")
      context.console.print("head hash: \(report.headHash)")
    }
    return .success
  }
}
