import Foundation

/// A command example of the documentation: a `$ journey …` line and the output shown under it.
///
/// An example block is a fenced block with at least one `$ ` line that runs `journey` (or
/// `swift run journey`). Each `$ ` line is one example; its output is every line up to the next
/// `$ ` line or the end of the block, less trailing blank lines. A block that cannot be run as
/// written is preceded by `<!-- example: not checked (reason) -->`.
struct DocExample: Sendable {
  /// The marker that exempts the next block, with its reason in parentheses.
  static let skipMarker = "<!-- example: not checked ("

  /// The document, relative to the repository root.
  var file: String
  /// The line of the `$ ` command, counting from 1.
  var line: Int
  /// The block's number in its document, counting from 0, so commands of one block share a ledger.
  var block: Int
  /// The command as written, without the `$ `.
  var command: String
  /// The output shown under the command.
  var expected: [String]

  /// A block that is exempt, and why.
  struct Skip: Sendable {
    var file: String
    var line: Int
    var reason: String
  }

  /// The examples and the exempt blocks of the Markdown `text` of `file`.
  static func parse(_ text: String, file: String) -> (examples: [DocExample], skipped: [Skip]) {
    let lines = text.components(separatedBy: "\n")
    var examples: [DocExample] = []
    var skipped: [Skip] = []
    var block = 0
    var i = 0
    while i < lines.count {
      guard lines[i].hasPrefix("```") else {
        i += 1
        continue
      }
      let end = lines[(i + 1)...].firstIndex { $0.hasPrefix("```") } ?? lines.count
      let body = Array(lines[(i + 1)..<end])
      if body.contains(where: runsJourney) {
        if let reason = skipReason(before: lines[..<i]) {
          skipped.append(Skip(file: file, line: i + 1, reason: reason))
        } else {
          examples += split(body, file: file, firstLine: i + 2, block: block)
        }
        block += 1
      }
      i = end + 1
    }
    return (examples, skipped)
  }

  /// Whether a block line is a command that runs `journey`.
  static func runsJourney(_ line: String) -> Bool {
    line.hasPrefix("$ ") && (line.contains("journey ") && !line.hasPrefix("$ swift test"))
  }

  /// The reason given by a skip marker on the last non-blank line before a block, if any.
  static func skipReason(before lines: ArraySlice<String>) -> String? {
    guard let last = lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
      last.hasPrefix(skipMarker), last.hasSuffix(") -->")
    else { return nil }
    return String(last.dropFirst(skipMarker.count).dropLast(") -->".count))
  }

  /// The examples of one block's `body`, whose first line is line `firstLine` of the document.
  static func split(_ body: [String], file: String, firstLine: Int, block: Int) -> [DocExample] {
    var examples: [DocExample] = []
    for (offset, line) in body.enumerated() {
      if line.hasPrefix("$ ") {
        examples.append(
          DocExample(
            file: file, line: firstLine + offset, block: block, command: String(line.dropFirst(2)), expected: []))
      } else if !examples.isEmpty {
        examples[examples.count - 1].expected.append(line)
      }
    }
    for index in examples.indices {
      while examples[index].expected.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
        examples[index].expected.removeLast()
      }
    }
    return examples
  }
}
