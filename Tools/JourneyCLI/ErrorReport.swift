import EventStore

/// Any error as `journey` reports it: an `error:` line, an optional `hint:` line and an exit
/// status; the one place errors of every module are rendered.
public struct ErrorReport: Sendable, Equatable {
  /// What happened: the error's description (for domain errors, prefixed with line and field).
  public var message: String
  /// What to do about it, kept from whichever module threw.
  public var hint: String?
  /// 64 for a usage error, 1 for every other failure.
  public var status: ExitStatus

  /// The report of `error`: `CLIError`s keep their kind; errors of every other module
  /// (`StoreError`, `DomainError`, `ProjectionError`) are failures.
  public init(_ error: any Error) {
    switch error {
    case let error as CLIError: (message, hint, status) = (error.message, error.hint, error.status)
    case let error as any HintedError: (message, hint, status) = (error.description, error.hint, .failure)
    default: (message, hint, status) = (String(describing: error), nil, .failure)
    }
  }

  /// The lines written to standard error (without colour).
  public var text: String { "error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? "") }
}
