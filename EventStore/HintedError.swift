/// An error that says what happened (its description) and, when it can, what to do about it.
///
/// Every module's error type conforms (`StoreError`, `DomainError`, `ProjectionError`,
/// `CLIError`), so the command line renders them all the same way: an `error:` line and a
/// `hint:` line.
public protocol HintedError: Error, CustomStringConvertible {
  /// What to do about it, when there is something useful to say.
  var hint: String? { get }
}
