import EventStore
import Foundation
import Projections

/// A ledger in a temporary directory, removed when released.
public final class TemporaryLedger {
  public let path: String
  let ledger: Ledger

  /// Creates the ledger and appends `events`, one batch each.
  public init(_ events: [NewEvent]) throws {
    path = FileManager.default.temporaryDirectory.path + "/journey-testkit-" + UUID().uuidString
    ledger = try Ledger(at: path, create: true, clock: .fixed(1_790_000_000))
    try append(events)
  }

  /// Appends `events`, one batch each.
  public func append(_ events: [NewEvent]) throws {
    for event in events { _ = try ledger.append([event]) }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
