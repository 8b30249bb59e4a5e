import EventStore

/// The domain's error: what was wrong (a code and a message), where (input line and field), and
/// what to do about it.
public struct DomainError: HintedError, Sendable, Equatable {
  /// The kind of mistake, for callers that branch on it (the message is for people).
  public enum Code: String, Sendable, CaseIterable {
    /// A field's value breaks a rule of its event type (a percentage above 100, a date order).
    case invalidValue
    /// A date that is not a real day, or not written as expected.
    case invalidDate
    /// A period, quarter or interval that cannot be read.
    case invalidPeriod
    /// A required field or column is absent.
    case missingField
    /// A field the event type does not define.
    case unknownField
    /// An event type the catalogue does not define.
    case unknownEventType
    /// A name or code that matches no authority.
    case unknownAuthority
    /// The same event id twice in one input.
    case duplicateID
    /// A reference to an event that is neither in the input nor in the ledger.
    case unresolvedReference
    /// A schema version newer than this build of journey knows.
    case newerSchema
    /// Input that is not in the expected shape (not a JSON object, a row of the wrong width).
    case malformedInput
    /// An input file that cannot be read.
    case unreadableFile
  }

  /// The kind of mistake.
  public var code: Code
  /// What was wrong, in one line.
  public var message: String
  /// What to do about it, when there is something useful to say.
  public var hint: String?
  /// The 1-based input line, when the input has lines.
  public var line: Int?
  /// The field path, such as `data.fieldwork_end`.
  public var field: String?

  /// An error of kind `code`.
  public init(_ code: Code, _ message: String, field: String? = nil, line: Int? = nil, hint: String? = nil) {
    self.code = code
    self.message = message
    self.field = field
    self.line = line
    self.hint = hint
  }

  /// An `invalidValue` error: a value that breaks a rule of its event type.
  public init(_ message: String, field: String? = nil, line: Int? = nil, hint: String? = nil) {
    self.init(.invalidValue, message, field: field, line: line, hint: hint)
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
