import EventStore

/// The raw event lines of a spooled input, as a batch the ledger can stream.
struct RawEventSource: EventBatchSource {
  let input: SpooledInput

  /// Whether any line holds more than blanks.
  func hasEvents() throws -> Bool {
    var found = false
    try input.forEachLine { line, _ in if !found && !RawEventLines.isBlank(line) { found = true } }
    return found
  }

  func forEachEvent(_ body: (NewEvent) throws -> Void) throws {
    try input.forEachLine { line, number in
      guard !RawEventLines.isBlank(line) else { return }
      let trimmed = line.last == 0x0D ? line.dropLast() : line
      try body(try RawEventLines.event(Array(trimmed), line: number, source: input.name))
    }
  }
}
