/// A documented command line read as `journey` arguments and an optional shell filter after `|`.
///
/// Quotes are honoured as the shell does for plain words; an unquoted `#` starts a comment; the
/// text after the first unquoted `|` is the filter (`head -5`, `sed -n 4,12p`, `grep …`), run by
/// `/bin/sh` on the output. Any other shell syntax (`>`, `;`, `&&`) is not runnable as an example.
struct DocCommand: Equatable, Sendable {
  /// The arguments after `journey`.
  var arguments: [String]
  /// The shell filter the output is piped through, if any.
  var filter: String?

  /// Why a command line cannot be run as an example.
  struct Unrunnable: Error, CustomStringConvertible {
    var description: String
  }

  /// Reads `line` (without the `$ `).
  static func parse(_ line: String) throws -> DocCommand {
    var (words, filter) = try split(line)
    if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
    guard words.first == "journey" else {
      throw Unrunnable(description: "does not start with journey or swift run journey")
    }
    return DocCommand(arguments: Array(words.dropFirst()), filter: filter)
  }

  /// The words before the first unquoted `|`, and the text after it.
  static func split(_ line: String) throws -> (words: [String], filter: String?) {
    var words: [String] = []
    var word: String?
    var quote: Character?
    for (index, character) in zip(line.indices, line) {
      if let open = quote {
        if character == open { quote = nil } else { word!.append(character) }
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        word = word ?? ""
      case " ", "\t":
        if let done = word { words.append(done) }
        word = nil
      case "#" where word == nil:
        return (words, nil)
      case "|":
        if let done = word { words.append(done) }
        let rest = line[line.index(after: index)...].trimmingCharacters(in: .whitespaces)
        return (words, rest)
      case ">", "<", ";", "&", "(", ")", "`", "$":
        throw Unrunnable(description: "uses shell syntax '\(character)'")
      default:
        word = (word ?? "") + String(character)
      }
    }
    if let done = word { words.append(done) }
    return (words, nil)
  }
}
