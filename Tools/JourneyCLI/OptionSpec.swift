import JourneyDomain

/// One option a command accepts.
public struct OptionSpec: Sendable, Equatable {
  /// The long name without dashes, e.g. `as-of`.
  public var name: String
  /// The value's placeholder (`DATE`), or nil for a flag.
  public var value: String?
  /// One line of help.
  public var help: String
  /// Whether the option may be given more than once.
  public var repeatable: Bool

  public init(_ name: String, value: String? = nil, help: String, repeatable: Bool = false) {
    self.name = name
    self.value = value
    self.help = help
    self.repeatable = repeatable
  }

  public var isFlag: Bool { value == nil }
}
