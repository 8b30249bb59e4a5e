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
      every line is checked first, and one bad line appends nothing. With --batch-size N, batches
      of N lines are appended as the input is read, each all or nothing: a bad line stops the run,
      its batch appends nothing and the batches before it stay. Prints the position assigned to
      each line; a line whose id is already stored with identical content keeps its position.
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
    return config.batchSize == nil
      ? try runOneBatch(config, context: context) : try runBatches(config, context: context)
  }
}

extension AppendCommand {
  /// Appends the whole input as one batch, streamed: each line is checked and made canonical as
  /// stdin is read, into a temporary spool file that the ledger reads twice (check and count,
  /// then write), so memory does not grow with the batch and no line is scanned twice.
  static func runOneBatch(_ config: Config, context: CommandContext) throws -> ExitStatus {
    let spool = try spoolEvents(context)
    guard spool.count > 0 else { throw noEvents }
    let ledger = try Ledger(
      at: config.ledger, create: true, segmentBytes: config.segmentBytes, clock: try writeClock(context))
    reportRecoveries(ledger, console: context.console)
    let result = try ledger.append(streaming: spool, expectedPosition: config.expectedPosition)
    printPositions(result.positions, console: context.console)
    context.console.message(summary(events: spool.count, appended: result.appended, head: result.head.position))
    return .success
  }

  /// Reads stdin into a spool of canonical events; the first bad line is an error naming it.
  private static func spoolEvents(_ context: CommandContext) throws -> CanonicalEventSpool {
    let spool = try CanonicalEventSpool()
    var reader = RawEventScanner()
    let lines = InputLines(name: "stdin", maximumBytes: InputFile.maximumBytes)
    try lines.forEach(context.readStandardInput) { line, number in
      guard !RawEventLines.isBlank(line) else { return }
      try spool.append(try RawEventLines.canonicalEvent(line, line: number, source: "stdin", reader: &reader))
    }
    return spool
  }

  /// Appends the input in batches of `config.batchSize` events as it is read, each atomic and
  /// acknowledged once durable; a bad line stops the run with its batch unwritten.
  static func runBatches(_ config: Config, context: CommandContext) throws -> ExitStatus {
    var batches = BatchedAppend(config, context: context)
    var reader = RawEventScanner()
    let lines = InputLines(name: "stdin", outcome: "its batch and the rest of the input were not appended")
    do {
      try lines.forEach(context.readStandardInput) { line, number in
        guard !RawEventLines.isBlank(line) else { return }
        try batches.add(try RawEventLines.canonicalEvent(line, line: number, source: "stdin", reader: &reader))
      }
      try batches.flush()
    } catch {
      if batches.events > 0 {
        context.console.message(
          "earlier batches stay appended: "
            + summary(events: batches.events, appended: batches.appended, head: batches.head))
      }
      throw error
    }
    guard batches.events > 0 else { throw noEvents }
    context.console.message(summary(events: batches.events, appended: batches.appended, head: batches.head))
    return .success
  }

  private static var noEvents: CLIError {
    CLIError.usage("no events on stdin", hint: "pipe JSON lines into 'journey append'")
  }

  /// "appended N events (M already stored); head is position H".
  static func summary(events: Int, appended: Int, head: Int) -> String {
    let reused = events - appended
    return "appended \(appended) event\(appended == 1 ? "" : "s")"
      + (reused > 0 ? " (\(reused) already stored)" : "") + "; head is position \(head)"
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
