/// The domain's error: what was wrong, where (input line and field), and what was expected.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var hint: String?
  /// The 1-based input line, when the input has lines.
  public var line: Int?
  /// The field path, e.g. `data.fieldwork_end`.
  public var field: String?

  public init(_ message: String, field: String? = nil, line: Int? = nil, hint: String? = nil) {
    self.message = message
    self.field = field
    self.line = line
    self.hint = hint
  }

  /// `line 3, field data.grade: unknown grade 'Very good'; expected …`.
  public var description: String {
    var prefix: [String] = []
    if let line { prefix.append("line \(line)") }
    if let field { prefix.append("field \(field)") }
    return prefix.isEmpty ? message : prefix.joined(separator: ", ") + ": " + message
  }

  /// The same error located at `line`.
  public func at(line: Int) -> DomainError {
    var copy = self
    copy.line = line
    return copy
  }

  /// The same error with its field nested under `parent` (`data` + `grade` → `data.grade`).
  public func inField(_ parent: String) -> DomainError {
    var copy = self
    copy.field = field.map { parent + "." + $0 } ?? parent
    return copy
  }
}
