import EventStore

/// An error thrown by the projections module: what happened, where in the log, and what to do.
///
/// Errors of the log itself (a missing or corrupt ledger) stay `StoreError`s.
public struct ProjectionError: HintedError, Sendable, Equatable {
  /// The kind of failure, for callers that branch on it.
  public enum Code: String, Sendable, CaseIterable {
    /// A checkpoint file is cut short or its bytes do not decode; it is rebuilt, never trusted.
    case damagedCheckpoint
    /// A stored payload is not JSON the replay can read.
    case undecodableEvent
    /// The upcaster refused a stored payload (typically a schema version newer than this build).
    case upcastFailed
  }

  /// The kind of failure.
  public var code: Code
  /// What happened, in one line.
  public var message: String
  /// What to do about it, when there is something useful to say.
  public var hint: String?
  /// The log position of the event involved, when there is one.
  public var position: Int?

  /// An error of kind `code`.
  public init(_ code: Code, _ message: String, hint: String? = nil, position: Int? = nil) {
    self.code = code
    self.message = message
    self.hint = hint
    self.position = position
  }

  /// The message.
  public var description: String { message }

  /// A checkpoint that does not decode.
  static let damagedCheckpoint = ProjectionError(
    .damagedCheckpoint, "the checkpoint is damaged", hint: "it is rebuilt by a full replay; nothing needs doing")

  /// A stored event the replay could not turn into an envelope, naming it and the reason.
  static func unreadable(_ code: Code, position: Int, id: String, reason: any Error) -> ProjectionError {
    let hint = (reason as? any HintedError)?.hint
    return ProjectionError(
      code, "event '\(id)' at position \(position): \(reason)", hint: hint ?? "run 'journey verify' to check the log",
      position: position)
  }
}
