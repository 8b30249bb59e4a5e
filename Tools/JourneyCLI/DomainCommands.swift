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
