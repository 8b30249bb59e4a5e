import JourneyDomain

/// How `journey` ends: 0 success, 1 failure, 64 misuse (`EX_USAGE`).
public enum ExitStatus: Int32, Sendable {
  case success = 0
  case failure = 1
  case usage = 64
}

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

/// The options and operands of one command line, checked against the command's specs.
public struct ParsedArguments: Sendable, Equatable {
  public var values: [String: [String]] = [:]
  public var flags: Set<String> = []
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
      throw .usage("invalid value '\(text)' for --\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return n
  }
}

/// Parses command lines by hand: `--name value`, `--name=value`, flags, `--` and operands.
public enum ArgumentParser {
  /// Parses `arguments` (after the command name) against `options`.
  ///
  /// - Throws: `CLIError.usage` for an unknown option (with the nearest known one), a missing
  ///   value, a value given to a flag, or a non-repeatable option given twice.
  public static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(CLIError) -> ParsedArguments {
    var result = ParsedArguments()
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if argument == "--" {
        result.operands.append(contentsOf: arguments[i...])
        break
      }
      guard argument.hasPrefix("-") && argument != "-" else {
        result.operands.append(argument)
        continue
      }
      let (name, inline) = split(argument)
      guard let spec = options.first(where: { $0.name == name }) else {
        throw unknownOption(argument, name: name, options: options, command: command)
      }
      if spec.isFlag {
        guard inline == nil else { throw .usage("--\(name) takes no value") }
        result.flags.insert(name)
        continue
      }
      let value: String
      if let inline {
        value = inline
      } else {
        guard i < arguments.count else { throw .usage("missing value for --\(name) (expected \(spec.value!))") }
        value = arguments[i]
        i += 1
      }
      guard spec.repeatable || result.values[name] == nil else { throw .usage("--\(name) was given more than once") }
      result.values[name, default: []].append(value)
    }
    return result
  }

  private static func split(_ argument: String) -> (String, String?) {
    let body = argument.drop { $0 == "-" }
    guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
    return (String(body[..<equals]), String(body[body.index(after: equals)...]))
  }

  private static func unknownOption(_ argument: String, name: String, options: [OptionSpec], command: String) -> CLIError {
    let known = options.map(\.name) + ["help"]
    if let nearest = Suggestions.nearest(to: name, in: known, limit: 1).first {
      return .usage("unknown option '\(argument)' for '\(command)'", hint: "did you mean --\(nearest)?")
    }
    return .usage("unknown option '\(argument)' for '\(command)'", hint: "see 'journey help \(command)'")
  }
}

/// Near-miss suggestions by edit distance, for typos in commands, options and names.
public enum Suggestions {
  /// The candidates closest to `word` (case-insensitive), nearest first, within a sensible distance.
  public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(word.lowercased())
    let scored = candidates.map { ($0, distance(target, Array($0.lowercased()))) }
    let threshold = max(2, target.count / 3)
    return scored.filter { $0.1 <= threshold }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
      .prefix(limit).map(\.0)
  }

  /// The Levenshtein distance between two character arrays.
  public static func distance(_ a: [Character], _ b: [Character]) -> Int { EditDistance.between(a, b) }
}
