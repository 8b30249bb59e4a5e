import JourneyDomain

/// Several input files read as one text, remembering where each starts so an error on a line of
/// the whole names the file and its own line.
struct ImportBatch {
  /// The inputs joined, each ending in a newline.
  let text: String
  /// Each input's name and the line of `text` it starts on (1-based), in order.
  let starts: [(name: String, line: Int)]

  init(_ inputs: [(text: String, name: String)]) {
    var text = ""
    var starts: [(String, Int)] = []
    var line = 1
    for input in inputs {
      starts.append((input.name, line))
      let body = input.text.isEmpty || input.text.hasSuffix("\n") ? input.text : input.text + "\n"
      text += body
      line += body.utf8.filter { $0 == 0x0A }.count
    }
    self.text = text
    self.starts = starts
  }

  /// The inputs' names, for messages: `a.jsonl` or `a.jsonl, b.jsonl`.
  var names: String { starts.map(\.name).joined(separator: ", ") }

  /// `error` prefixed with the file it is in, its line counted within that file.
  func locate(_ error: DomainError) -> String {
    guard let line = error.line, let start = starts.last(where: { $0.line <= line }) else {
      return "\(names) \(error.description)"
    }
    return "\(start.name) \(error.at(line: line - start.line + 1).description)"
  }
}
