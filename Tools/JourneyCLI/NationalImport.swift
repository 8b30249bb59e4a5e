import EventStore
import Foundation
import JourneyDomain
import Projections

/// What the national importers share: options, the ledger's current facts, appending, the summary.
enum NationalImport {
  static let options = [
    CommonOptions.ledger,
    OptionSpec("skip-bad-rows", help: "append the good rows and list every skipped row with its reason"),
    OptionSpec(
      "authority", value: "A", help: "import only rows for A (repeatable); csww keeps England and A's region too",
      repeatable: true),
  ]

  /// The streams `--authority` selects, with England and the authorities' regions; nil when absent.
  static func selection(_ parsed: ParsedArguments) throws(CLIError) -> Set<String>? {
    guard let names = parsed.values["authority"] else { return nil }
    let registry = AuthorityRegistry.shared
    var streams: Set<String> = [registry.england.stream]
    for name in names {
      let authority = try QueryContext.resolve(name)
      streams.insert(authority.stream)
      if let region = registry.region(of: authority) { streams.insert(region.stream) }
    }
    return streams
  }

  /// What the ledger knows of each fact id, claim by claim in knowledge-time order; empty for a
  /// new ledger.
  static func currentFacts(_ ledger: String) throws -> [String: KnownFact] { currentFacts(try replayedFacts(ledger)) }

  /// What a replay knows of each fact id (see `currentFacts(_:)`); empty for nil.
  static func currentFacts(_ facts: FactSet?) -> [String: KnownFact] {
    guard let facts else { return [:] }
    return Dictionary(facts.all.map { ($0.id, knownFact($0)) }, uniquingKeysWith: { first, _ in first })
  }

  /// The ledger's facts as a replay resolves them, with everything it knows; nil for a new ledger.
  static func replayedFacts(_ ledger: String) throws -> FactSet? {
    guard FileManager.default.fileExists(atPath: ledger + "/ledger.json") else { return nil }
    return try ReplayEngine(ledger: ledger, upcast: Upcaster.forReplay).run(Evidence()).state.facts
  }

  /// The inspections the ledger holds (not withdrawn), each with what its statements said.
  static func heldInspections(_ facts: FactSet?) -> [HeldInspection] {
    guard let facts else { return [] }
    return facts.all.filter { $0.type == "ilacs_inspection" && $0.retractedBy == nil }.map { fact in
      let ids = fact.claims.isEmpty ? [fact.id] : fact.claims.filter { !$0.isCorrection }.map(\.id)
      let statements = ids.compactMap { id in
        facts.claim(id: id).map { (id, HeldInspection.Statement(known: $0.reported ?? "", data: $0.data)) }
      }
      return HeldInspection(
        id: fact.id, stream: fact.stream, data: fact.data,
        statements: Dictionary(statements, uniquingKeysWith: { first, _ in first }))
    }
  }

  /// A fact's payload from each claim's knowledge date on.
  static func knownFact(_ fact: Fact) -> KnownFact {
    guard !fact.claims.isEmpty else {
      return KnownFact(steps: [(fact.reported ?? "", fact.data)], claimIDs: [fact.id])
    }
    var steps: [(known: String, data: JSON)] = []
    var after = fact.data
    for claim in fact.claims.reversed() {
      steps.append((claim.reported ?? "", after))
      if let replaced = claim.replaced { after = replaced }
    }
    return KnownFact(steps: steps.reversed(), claimIDs: Set(fact.claims.map(\.id) + [fact.id]))
  }

  /// Plans the whole file, then appends its events in one atomic, durable batch.
  ///
  /// The events are kept in canonical form as the plan delivers them, and appended only when no
  /// row was refused (`--skip-bad-rows` aside), so an import appends everything or nothing. The
  /// ledger is opened only when there is something to append.
  static func run(
    file: String, ledger: String, context: CommandContext,
    plan: (@escaping (CanonicalEvent) -> Void) throws(DomainError) -> ImportPlan
  ) throws -> ExitStatus {
    let batch = CanonicalBatch()
    let checked = try self.plan(file: file) { () throws(DomainError) in try plan { batch.events.append($0) } }
    if checked.delivered > 0 {
      let store = try Ledger(at: ledger, create: true, clock: try writeClock(context))
      reportRecoveries(store, console: context.console)
      _ = try store.append(canonical: batch.events)
    }
    let console = context.console
    console.message("\(file): \(checked.summary)")
    for note in checked.notes { console.message("  \(note)") }
    for skip in checked.skipped { console.message("  skipped line \(skip.line): \(skip.reason)") }
    return .success
  }

  /// The events an import plans, gathered by the plan's delivery closure.
  final class CanonicalBatch {
    var events: [CanonicalEvent] = []
  }

  /// Runs an importer's plan, turning a domain error into a failure naming the file.
  static func plan(file: String, _ body: () throws(DomainError) -> ImportPlan) throws(CLIError) -> ImportPlan {
    do { return try body() } catch {
      throw .failure(
        "\(file) \(error.description)",
        hint: error.hint ?? "nothing was appended; fix the file, or use --skip-bad-rows to import the good rows")
    }
  }

  /// A private snapshot of the FILE operand (`-` is standard input), read once.
  ///
  /// A directory, a missing file or one that changes while being copied is a clear error, never
  /// a crash. The caller removes it (`ImportInput.remove`) when the import is done.
  static func file(_ parsed: ParsedArguments, usage: String, context: CommandContext) throws(CLIError) -> ImportInput {
    guard parsed.operands.count == 1 else {
      throw .usage("expected one FILE (or - for standard input)", hint: "usage: \(usage)")
    }
    let operand = parsed.operands[0]
    do { return try ImportInput.snapshot(operand, in: context.currentDirectory) } catch {
      throw .failure(error.message, hint: error.hint ?? "nothing was appended")
    }
  }
}
