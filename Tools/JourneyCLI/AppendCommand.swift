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
    guard parsed.operands.isEmpty else {
      throw .usage("unexpected argument '\(parsed.operands[0])'; events are read from stdin")
    }
    return Config(
      ledger: try LedgerLocation.forWriting(parsed, context: context, command: spec.name),
      expectedPosition: try parsed.integer("expected-position", in: 0...Int(Int32.max) * 1000),
      batchSize: try parsed.integer("batch-size", in: 1...1_000_000),
      segmentBytes: try parsed.integer("segment-bytes", in: 1024...(1 << 40)) ?? LedgerLayout.defaultSegmentBytes)
  }

  static func run(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    let config = try config(arguments, context: context)
    guard config.batchSize != nil else { return try runOneBatch(config, context: context) }
    let events = try RawEventLines.parse(
      try BoundedInput.read(context.readStandardInput, name: "stdin"), source: "stdin")
    guard !events.isEmpty else {
      throw CLIError.usage("no events on stdin", hint: "pipe JSON lines into 'journey append'")
    }
    let ledger = try Ledger(
      at: config.ledger, create: true, segmentBytes: config.segmentBytes, clock: try writeClock(context))
    reportRecoveries(ledger, console: context.console)
    var appended = 0
    var head = 0
    let size = config.batchSize ?? events.count
    for start in stride(from: 0, to: events.count, by: size) {
      let batch = Array(events[start..<min(start + size, events.count)])
      let result = try ledger.append(canonical: batch, expectedPosition: start == 0 ? config.expectedPosition : nil)
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

extension AppendCommand {
  /// Appends the whole input as one batch, streamed: stdin is copied to a temporary file and the
  /// ledger reads it twice (check, then write), so memory does not grow with the batch.
  static func runOneBatch(_ config: Config, context: CommandContext) throws -> ExitStatus {
    let source = RawEventSource(input: try SpooledInput(context.readStandardInput, name: "stdin"))
    guard try source.hasEvents() else {
      throw CLIError.usage("no events on stdin", hint: "pipe JSON lines into 'journey append'")
    }
    let ledger = try Ledger(
      at: config.ledger, create: true, segmentBytes: config.segmentBytes, clock: try writeClock(context))
    reportRecoveries(ledger, console: context.console)
    let result = try ledger.append(streaming: source, expectedPosition: config.expectedPosition)
    printPositions(result.positions, console: context.console)
    let reused = result.positions.count - result.appended
    context.console.message(
      "appended \(result.appended) event\(result.appended == 1 ? "" : "s")"
        + (reused > 0 ? " (\(reused) already stored)" : "") + "; head is position \(result.head.position)")
    return .success
  }

  /// Prints one position a line, in writes of about 64 KiB, then flushes.
  private static func printPositions(_ positions: [Int], console: Console) {
    var out = ""
    for position in positions {
      out += String(position)
      out += "\n"
      if out.utf8.count >= 1 << 16 {
        console.write(out)
        out = ""
      }
    }
    console.write(out)
    console.flush()
  }
}

/// Tells the user when opening a ledger removed an interrupted batch.
func reportRecoveries(_ ledger: Ledger, console: Console) {
  for recovery in ledger.recoveries {
    console.message(
      "recovered: removed \(recovery.bytesRemoved) bytes of an interrupted batch from \(recovery.file); the log ends at position \(recovery.position)"
    )
  }
}
