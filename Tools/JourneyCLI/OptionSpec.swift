import JourneyDomain

/// One option a command accepts.
public struct OptionSpec: Sendable, Equatable {
  /// The long name without dashes, such as `as-of`.
  public var name: String
  /// The value's placeholder (`DATE`), or nil for a flag.
  public var value: String?
  /// One line of help.
  public var help: String
  /// Whether the option may be given more than once.
  public var repeatable: Bool

  /// An option `--name`, taking a value when `value` names its placeholder.
  public init(_ name: String, value: String? = nil, help: String, repeatable: Bool = false) {
    self.name = name
    self.value = value
    self.help = help
    self.repeatable = repeatable
  }

  /// Whether the option takes no value.
  public var isFlag: Bool { value == nil }
}
