/// A write to standard output or error that failed (other than a closed pipe).
public struct WriteFailure: Sendable, Equatable {
  /// The file descriptor: 1 for standard output, 2 for standard error.
  public var fd: Int32
  /// The `errno` of the failed write, such as `ENOSPC`.
  public var code: Int32
}
