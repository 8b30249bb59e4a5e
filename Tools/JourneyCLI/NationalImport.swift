import EventStore
import Foundation
import JourneyDomain
import Projections

/// What the national importers share: options, the ledger's current facts, appending, the summary.
enum NationalImport {
  static let options = [
    CommonOptions.ledger,
    OptionSpec("skip-bad-rows", help: "append the good rows and list every skipped row with its reason"),
  ]

  /// The ledger's current payload for each fact id, corrections applied; empty for a new ledger.
  static func currentFacts(_ ledger: String) throws -> [String: JSON] {
    guard FileManager.default.fileExists(atPath: ledger + "/ledger.json") else { return [:] }
    let state = try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay).run(Evidence()).state
    return Dictionary(state.facts.all.map { ($0.id, $0.data) }, uniquingKeysWith: { first, _ in first })
  }

  /// The largest batch an import appends at once.
  static let batchSize = 20_000

  /// Checks the whole file first (nothing is appended if any row is refused), then reads it again
  /// and appends its events in batches, each atomic and durable.
  ///
  /// An interrupted import is finished by running it again: ids are deterministic, so what was
  /// appended is not appended twice.
  static func run(
    file: String, ledger: String, context: CommandContext,
    plan: (@escaping (DomainEvent) -> Void) throws(DomainError) -> ImportPlan
  ) throws -> ExitStatus {
    let checked = try self.plan(file: file) { () throws(DomainError) in try plan { _ in } }
    if checked.delivered > 0 {
      let store = try Ledger(at: ledger, create: true, clock: try writeClock(context))
      reportRecoveries(store, console: context.console)
      var batch: [NewEvent] = []
      var failure: (any Error)? = nil
      _ = try self.plan(file: file) { () throws(DomainError) in
        try plan { event in
          guard failure == nil else { return }
          batch.append(event.newEvent)
          if batch.count == batchSize {
            do { _ = try store.append(batch) } catch { failure = error }
            batch.removeAll(keepingCapacity: true)
          }
        }
      }
      if let failure { throw failure }
      if !batch.isEmpty { _ = try store.append(batch) }
    }
    let console = context.console
    console.message("\(file): \(checked.summary)")
    for note in checked.notes { console.message("  \(note)") }
    for skip in checked.skipped { console.message("  skipped line \(skip.line): \(skip.reason)") }
    return .success
  }

  /// Runs an importer's plan, turning a domain error into a failure naming the file.
  static func plan(file: String, _ body: () throws(DomainError) -> ImportPlan) throws(CLIError) -> ImportPlan {
    do { return try body() } catch {
      throw .failure("\(file) \(error.description)", hint: error.hint ?? "nothing was appended; fix the file, or use --skip-bad-rows to import the good rows")
    }
  }

  /// A private snapshot of the FILE operand (`-` is standard input), read once: a directory, a
  /// missing file or one that changes while being copied is a clear error, never a crash.
  /// The caller removes it (`ImportInput.remove`) when the import is done.
  static func file(_ parsed: ParsedArguments, usage: String, context: CommandContext) throws(CLIError) -> ImportInput {
    guard parsed.operands.count == 1 else { throw .usage("expected one FILE (or - for standard input)", hint: "usage: \(usage)") }
    let operand = parsed.operands[0]
    do { return try ImportInput.snapshot(operand, in: context.currentDirectory) } catch {
      throw .failure(error.message, hint: error.hint ?? "nothing was appended")
    }
  }
}
