import EventStore

/// The batches of `journey append --batch-size N`, appended as the input is read: each batch is
/// atomic, and its positions are printed once it is durable.
///
/// Only the current batch is held; the ledger is opened (and created) when the first batch is
/// full or the input ends.
struct BatchedAppend {
  private let config: AppendCommand.Config
  private let context: CommandContext
  private var ledger: Ledger?
  private var batch: [CanonicalEvent] = []
  /// The events of the batches appended so far (new or already stored).
  private(set) var events = 0
  /// How many of them were new.
  private(set) var appended = 0
  /// The head after the last batch.
  private(set) var head = 0

  /// Batches of `config.batchSize` events (all of them when nil) for the ledger of `config`.
  init(_ config: AppendCommand.Config, context: CommandContext) {
    self.config = config
    self.context = context
    batch.reserveCapacity(min(config.batchSize ?? 1000, 10_000))
  }

  /// Adds `event` to the current batch and appends the batch once it is full.
  mutating func add(_ event: CanonicalEvent) throws {
    batch.append(event)
    if batch.count == config.batchSize { try flush() }
  }

  /// Appends the current batch, if it has events, and prints its positions.
  ///
  /// Only the first batch is checked against `config.expectedPosition`.
  mutating func flush() throws {
    guard !batch.isEmpty else { return }
    let ledger = try openLedger()
    let result = try ledger.append(canonical: batch, expectedPosition: events == 0 ? config.expectedPosition : nil)
    for position in result.positions { context.console.print(String(position)) }
    context.console.flush()  // each acknowledgement is printed once the batch is durable
    events += batch.count
    appended += result.appended
    head = result.head.position
    batch.removeAll(keepingCapacity: true)
  }

  private mutating func openLedger() throws -> Ledger {
    if let ledger { return ledger }
    let opened = try Ledger(
      at: config.ledger, create: true, segmentBytes: config.segmentBytes, clock: try writeClock(context))
    reportRecoveries(opened, console: context.console)
    ledger = opened
    return opened
  }
}
