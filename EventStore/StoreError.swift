#if canImport(Glibc)
  import Glibc
#endif

/// An error thrown by the event store: what happened, and what to do about it.
public struct StoreError: HintedError, Sendable, Equatable {
  /// The kind of failure, for callers that branch on it.
  public enum Code: String, Sendable, CaseIterable {
    /// An expected position did not match the log's head.
    case conflict
    /// The same event id was appended before with other content.
    case duplicateID
    /// The log or an index failed an integrity check.
    case corrupt
    /// A system call failed (disk full, permission denied, …).
    case io
    /// The ledger was written by a newer format version, or is not a ledger.
    case unsupportedFormat
    /// The caller passed something the store cannot accept (bad JSON, empty type, …).
    case invalidInput
    /// The ledger directory does not exist or holds no ledger.
    case notFound
  }

  public var code: Code
  /// What happened, in one line.
  public var message: String
  /// What to do about it, when there is something useful to say.
  public var hint: String?
  /// The log position involved, when there is one.
  public var position: Int?
  /// The byte offset in `file` involved, when there is one.
  public var offset: Int?
  /// The file involved, when there is one.
  public var file: String?

  public init(
    _ code: Code, _ message: String, hint: String? = nil, position: Int? = nil, offset: Int? = nil,
    file: String? = nil
  ) {
    self.code = code
    self.message = message
    self.hint = hint
    self.position = position
    self.offset = offset
    self.file = file
  }

  public var description: String { message }

  /// An error for a failed system call, naming the call, the path and the system's reason.
  static func io(_ call: String, _ path: String, _ errorNumber: Int32) -> StoreError {
    let reason = String(cString: strerror(errorNumber))
    var hint: String? = nil
    switch errorNumber {
    case ENOSPC, EDQUOT: hint = "free some space on the disk; the ledger is unchanged and the next append will succeed"
    case EFBIG: hint = "the file size limit was reached; the ledger is unchanged"
    case EROFS, EACCES, EPERM: hint = "the ledger is read-only here; queries still work, appends need write access"
    default: break
    }
    return StoreError(.io, "\(call) \(path): \(reason)", hint: hint, file: path)
  }

  /// An integrity failure at a position and byte offset of a segment file.
  static func corrupt(_ message: String, position: Int?, offset: Int?, file: String?) -> StoreError {
    StoreError(
      .corrupt, message, hint: "run 'journey verify' for a full report; the log is never repaired silently",
      position: position, offset: offset, file: file)
  }
}
