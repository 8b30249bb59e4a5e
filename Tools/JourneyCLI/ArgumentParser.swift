import JourneyDomain

/// Parses command lines by hand: `--name value`, `--name=value`, flags, `--` and operands.
public enum ArgumentParser {
  /// Parses `arguments` (after the command name) against `options`.
  ///
  /// - Throws: `CLIError.usage` for an unknown option (with the nearest known one), a missing
  ///   value, a value given to a flag, or a non-repeatable option given twice.
  public static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(CLIError)
    -> ParsedArguments
  {
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

  private static func unknownOption(_ argument: String, name: String, options: [OptionSpec], command: String)
    -> CLIError
  {
    let known = options.map(\.name) + ["help"]
    if let nearest = Suggestions.nearest(to: name, in: known, limit: 1).first {
      return .usage("unknown option '\(argument)' for '\(command)'", hint: "did you mean --\(nearest)?")
    }
    return .usage("unknown option '\(argument)' for '\(command)'", hint: "see 'journey help \(command)'")
  }
}
