import Foundation
import JourneyBenchKit
import Testing

/// The `$ journey …` examples of README.md and docs/*.md, run on the sample ledger.
///
/// Each example's output is compared line by line with what the command prints (standard output,
/// through its `| filter` if any, then standard error), after normalising only what must vary:
/// the ledger path (`Ledger: …`, `"ledger": "…"`) and trailing spaces (CSV's CRs too). An expected output that
/// ends with a line `…` is a prefix of the real one. A command that prints today's date must give
/// `--as-of`. Commands of one block that name `--ledger /tmp/NAME` share a fresh temporary ledger.
@Suite("docs: every `$ journey` example prints the output the documentation shows")
struct DocExamplesTests {
  /// The documents checked, relative to the repository root.
  static let documents: [String] = {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: JourneyProcess.repositoryRoot + "/docs")) ?? []
    return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }()

  /// Every example and every exempt block of the documents.
  static func load() throws -> (examples: [DocExample], skipped: [DocExample.Skip]) {
    var examples: [DocExample] = []
    var skipped: [DocExample.Skip] = []
    for document in documents {
      let text = try String(contentsOfFile: JourneyProcess.repositoryRoot + "/" + document, encoding: .utf8)
      let found = DocExample.parse(text, file: document)
      examples += found.examples
      skipped += found.skipped
    }
    return (examples, skipped)
  }

  @Test("each example, run on the sample ledger, prints the output shown under it")
  func examplesPrintTheirOutput() throws {
    let examples = try Self.load().examples
    #expect(examples.count >= 20)
    var runner = Runner()
    for example in examples {
      do {
        let actual = try runner.output(of: example)
        check(example, actual: actual)
      } catch let error as DocCommand.Unrunnable {
        Issue.record(
          "\(example.file):\(example.line): '\(example.command)' \(error); run it or mark the block \(DocExample.skipMarker)reason) -->"
        )
      }
    }
  }

  @Test("the blocks that are not checked are few, and each says why")
  func exemptBlocksAreFewAndExplained() throws {
    let skipped = try Self.load().skipped
    #expect(skipped.count <= 6, "\(skipped.map { "\($0.file):\($0.line)" })")
    for skip in skipped { #expect(skip.reason.count >= 10, "\(skip.file):\(skip.line) gives no real reason") }
  }

  @Test("examples are split at each $ line; a marked block is skipped with its reason")
  func parsing() throws {
    let text = """
      ```
      $ journey log --authority Bury   # a comment
      2 events

      $ journey state --as-of 2020-01-01 | head -1
      State of Trafford
      ```

      <!-- example: not checked (writes a file) -->
      ```
      $ journey report --out x.html
      wrote x.html
      ```
      """
    let (examples, skipped) = DocExample.parse(text, file: "t.md")
    #expect(examples.map(\.line) == [2, 5])
    #expect(examples.map(\.expected) == [["2 events"], ["State of Trafford"]])
    #expect(skipped.map(\.reason) == ["writes a file"])
    #expect(try DocCommand.parse(examples[0].command) == DocCommand(arguments: ["log", "--authority", "Bury"]))
    #expect(try DocCommand.parse("swift run journey x 'a b' | grep -E \"^s|B\"").filter == "grep -E \"^s|B\"")
    #expect(throws: DocCommand.Unrunnable.self) { try DocCommand.parse("journey export > /dev/full") }
  }

  /// Records an issue naming the example if `actual` is not the output it shows.
  func check(_ example: DocExample, actual: [String]) {
    let expected = example.expected.map(Self.normalised)
    let shown = actual.map(Self.normalised)
    let matches = expected.last == "…" ? shown.starts(with: expected.dropLast()) : shown == expected
    if !matches {
      Issue.record(
        """
        \(example.file):\(example.line): '\(example.command)' printed other output.
        --- shown
        \(expected.joined(separator: "\n"))
        --- printed
        \(shown.joined(separator: "\n"))
        """)
    }
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    if !example.command.contains("--as-of"), actual.contains(where: { $0.contains(today) }) {
      Issue.record("\(example.file):\(example.line): '\(example.command)' prints today's date; give --as-of")
    }
  }

  /// `line` with the ledger path replaced and trailing spaces removed.
  static func normalised(_ line: String) -> String {
    var line = line.replacing(/Ledger: .*/, with: "Ledger: <ledger>")
    line = line.replacing(/"ledger": ?"[^"]*"/, with: "\"ledger\": \"<ledger>\"")
    while line.last == " " { line.removeLast() }
    return line
  }
}
