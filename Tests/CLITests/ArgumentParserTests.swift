import Testing

@testable import JourneyCLI

@Suite("Argument parsing into configuration values, with literal argument arrays")
struct ArgumentParserTests {
  let options = [
    OptionSpec("ledger", value: "DIR", help: ""), OptionSpec("as-of", value: "DATE", help: ""),
    OptionSpec("json", help: ""),
    OptionSpec("type", value: "T", help: "", repeatable: true),
  ]

  @Test("--x v, --x=v, flags, repeats and operands")
  func parses() throws {
    let parsed = try ArgumentParser.parse(
      ["op", "--ledger=demo", "--as-of", "2022-01-01", "--json", "--type", "a", "--type=b", "--", "--x"],
      options: options, command: "state")
    #expect(parsed.value("ledger") == "demo")
    #expect(parsed.value("as-of") == "2022-01-01")
    #expect(parsed.flag("json"))
    #expect(parsed.values["type"] == ["a", "b"])
    #expect(parsed.operands == ["op", "--x"])
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let message: String
    let hint: String?
    var testDescription: String { arguments.joined(separator: " ") }
  }

  @Test(
    "mistakes name the argument and suggest the nearest option",
    arguments: [
      Bad(
        arguments: ["--as-off", "x"], message: "unknown option '--as-off' for 'state'", hint: "did you mean --as-of?"),
      Bad(arguments: ["--ledger"], message: "missing value for --ledger (expected DIR)", hint: nil),
      Bad(arguments: ["--json=yes"], message: "--json takes no value", hint: nil),
      Bad(arguments: ["--as-of", "a", "--as-of", "b"], message: "--as-of was given more than once", hint: nil),
      Bad(
        arguments: ["--zzzzzzzz"], message: "unknown option '--zzzzzzzz' for 'state'", hint: "see 'journey help state'"),
    ])
  func rejects(_ c: Bad) {
    #expect(throws: CLIError.usage(c.message, hint: c.hint)) {
      try ArgumentParser.parse(c.arguments, options: options, command: "state")
    }
  }

  @Test("commands turn arguments into their configuration")
  func appendConfig() throws {
    let context = CommandContext(console: .capture(), readStandardInput: { [] }, currentDirectory: "/work")
    #expect(
      try AppendCommand.config(["--ledger", "demo", "--expected-position", "41"], context: context)
        == AppendCommand.Config(ledger: "/work/demo", expectedPosition: 41, batchSize: nil))
    #expect(
      try AppendCommand.config(["--ledger", "demo", "--segment-bytes", "4096", "--batch-size", "3"], context: context)
        == AppendCommand.Config(ledger: "/work/demo", expectedPosition: nil, batchSize: 3, segmentBytes: 4096))
    #expect(throws: CLIError.usage("invalid value 'x' for --batch-size: expected a whole number from 1 to 1000000")) {
      try AppendCommand.config(["--ledger", "demo", "--batch-size", "x"], context: context)
    }
  }
}

@Suite("Tables and CSV")
struct OutputTests {
  @Test("tables fit the width, wrapping long cells")
  func fits() {
    let table = Table(columns: ["A", "B"], rows: [[String(repeating: "word ", count: 40), "x"]])
    #expect(table.render(width: 60).split(separator: "\n").allSatisfy { $0.count <= 60 })
  }

  @Test(
    "CSV cells that a spreadsheet would run are neutralised",
    arguments: [
      ("=SUM(A1)", "'=SUM(A1)"), ("+1", "+1"), ("+1+cmd", "'+1+cmd"), ("-cmd", "'-cmd"), ("@x", "'@x"),
      ("-3.5", "-3.5"), ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""), ("plain", "plain"),
    ])
  func csv(_ pair: (String, String)) {
    #expect(CSVText.cell(pair.0) == pair.1)
  }
}
