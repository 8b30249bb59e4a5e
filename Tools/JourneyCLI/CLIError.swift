import EventStore
import JourneyDomain

/// The error type of the command-line module: a usage mistake or a failure, with a hint.
public struct CLIError: HintedError, Sendable, Equatable {
  /// Whether the command line was wrong (exit 64) or the work failed (exit 1).
  public enum Kind: Sendable { case usage, failure }
  /// Usage mistake or failure.
  public var kind: Kind
  /// What happened, in one line.
  public var message: String
  /// What to do about it, when there is something useful to say.
  public var hint: String?

  /// An error of `kind`.
  public init(_ kind: Kind, _ message: String, hint: String? = nil) {
    self.kind = kind
    self.message = message
    self.hint = hint
  }

  /// The message.
  public var description: String { message }

  /// The exit status this error ends `journey` with.
  public var status: ExitStatus { kind == .usage ? .usage : .failure }

  /// A mistake in the command line (exit 64).
  public static func usage(_ message: String, hint: String? = nil) -> CLIError { CLIError(.usage, message, hint: hint) }

  /// A failure while doing the work (exit 1).
  public static func failure(_ message: String, hint: String? = nil) -> CLIError {
    CLIError(.failure, message, hint: hint)
  }

  /// A command-line value the domain rejected (an unknown authority or event type): the domain's
  /// message and hint, as a usage error.
  public static func usage(_ error: DomainError) -> CLIError { .usage(error.message, hint: error.hint) }

  /// An option value the domain rejected: `option --as-of: invalid date '2021-02-31': …`, with
  /// the domain's hint.
  public static func usage(option: String, _ error: DomainError) -> CLIError {
    .usage("option --\(option): \(error.message)", hint: error.hint)
  }
}
