import Foundation
import JourneyBenchKit

extension DocExamplesTests {
  /// Runs the examples' commands, each distinct one once, with a temporary ledger per block for `/tmp/…`.
  struct Runner {
    private var cache: [String: [String]] = [:]
    private var ledgers: [String: TemporaryDirectory] = [:]

    /// The lines `example` prints.
    mutating func output(of example: DocExample) throws -> [String] {
      let command = try DocCommand.parse(example.command)
      guard command.arguments.contains(where: { $0.hasPrefix("/tmp/") }) else {
        if let known = cache[example.command] { return known }
        let lines = try run(command)
        cache[example.command] = lines
        return lines
      }
      let key = "\(example.file)#\(example.block)"
      let directory = ledgers[key] ?? TemporaryDirectory()
      ledgers[key] = directory
      var local = command
      local.arguments = command.arguments.map { $0.hasPrefix("/tmp/") ? directory.path + $0.dropFirst(4) : $0 }
      return try run(local).map { $0.replacingOccurrences(of: directory.path, with: "/tmp") }
    }

    /// Runs `command`: its standard output through its filter, then its standard error, as lines (CSV's CRs dropped).
    private func run(_ command: DocCommand) throws -> [String] {
      let result = try JourneyProcess.run(command.arguments)
      var output = result.stdout
      if let filter = command.filter {
        output = try PipedProcess("/bin/sh", ["-c", filter], stdin: output, directory: JourneyProcess.repositoryRoot)
          .finish().stdout
      }
      let text = String(String.UnicodeScalarView((output + result.stderr).unicodeScalars.filter { $0 != "\r" }))
      var lines = text.components(separatedBy: "\n")
      while lines.last?.isEmpty == true { lines.removeLast() }
      return lines
    }
  }
}
