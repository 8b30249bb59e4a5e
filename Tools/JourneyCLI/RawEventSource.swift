import EventStore

/// The raw event lines of a spooled input, as a batch the ledger can stream.
struct RawEventSource: CanonicalEventSource {
  let input: SpooledInput

  /// Whether any line holds more than blanks.
  func hasEvents() throws -> Bool {
    do {
      try input.forEachLine { line, _ in if !RawEventLines.isBlank(line) { throw Found() } }
    } catch is Found {
      return true
    }
    return false
  }

  /// Stops the search for a line with an event at the first one.
  private struct Found: Error {}

  func forEachCanonicalEvent(_ body: (CanonicalEvent) throws -> Void) throws {
    var reader = RawEventScanner()
    try input.forEachLine { line, number in
      guard !RawEventLines.isBlank(line) else { return }
      try body(try RawEventLines.canonicalEvent(line, line: number, source: input.name, reader: &reader))
    }
  }
}
