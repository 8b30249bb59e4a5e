import JourneyDomain

/// The options and operands of one command line, checked against the command's specs.
public struct ParsedArguments: Sendable, Equatable {
  /// The values given for each option, in command-line order.
  public var values: [String: [String]] = [:]
  /// The flags given, without dashes.
  public var flags: Set<String> = []
  /// The arguments that are not options, in order.
  public var operands: [String] = []

  /// The last value given for `name`, if any.
  public func value(_ name: String) -> String? { values[name]?.last }

  /// Whether the flag `name` was given.
  public func flag(_ name: String) -> Bool { flags.contains(name) }

  /// The value of `name`, or a usage error saying it is required.
  public func required(_ name: String, for command: String) throws(CLIError) -> String {
    guard let value = value(name) else {
      throw .usage("missing --\(name) for '\(command)'", hint: "see 'journey help \(command)'")
    }
    return value
  }

  /// The value of `name` as a whole number within `range`.
  public func integer(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let n = Int(text), range.contains(n) else {
      throw .usage(
        "invalid value '\(text)' for --\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound)"
      )
    }
    return n
  }
}
