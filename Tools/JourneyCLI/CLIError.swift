import JourneyDomain

/// The error type of the command-line module: a usage mistake or a failure, with a hint.
public struct CLIError: Error, Sendable, Equatable {
  public enum Kind: Sendable { case usage, failure }
  public var kind: Kind
  public var message: String
  public var hint: String?

  public init(_ kind: Kind, _ message: String, hint: String? = nil) {
    self.kind = kind
    self.message = message
    self.hint = hint
  }

  /// A mistake in the command line (exit 64).
  public static func usage(_ message: String, hint: String? = nil) -> CLIError { CLIError(.usage, message, hint: hint) }

  /// A failure while doing the work (exit 1).
  public static func failure(_ message: String, hint: String? = nil) -> CLIError { CLIError(.failure, message, hint: hint) }
}
