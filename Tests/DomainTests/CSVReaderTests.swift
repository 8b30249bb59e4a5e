import Foundation
import JourneyBenchKit
import Testing

@testable import JourneyDomain

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let rows: [[String]]
    var testDescription: String { name }
  }

  static func read(_ input: String, chunk: Int) throws(CSVError) -> [CSVRow] {
    var reader = CSVReader(bytes: Array(input.utf8), chunkSize: chunk)
    var rows: [CSVRow] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
  }

  static let cases = [
    Case(name: "plain", input: "a,b,c\n1,2,3\n", rows: [["a", "b", "c"], ["1", "2", "3"]]),
    Case(name: "no final newline", input: "a,b\n1,2", rows: [["a", "b"], ["1", "2"]]),
    Case(name: "CRLF", input: "a,b\r\n1,2\r\n", rows: [["a", "b"], ["1", "2"]]),
    Case(name: "empty fields", input: ",a,,\n", rows: [["", "a", "", ""]]),
    Case(
      name: "quoted comma", input: "\"Kingston upon Hull, City of\",810\n",
      rows: [["Kingston upon Hull, City of", "810"]]),
    Case(name: "doubled quotes", input: "\"say \"\"hi\"\"\",x\n", rows: [["say \"hi\"", "x"]]),
    Case(name: "line break in quotes", input: "\"two\nlines\",x\ny,z\n", rows: [["two\nlines", "x"], ["y", "z"]]),
    Case(name: "CRLF inside quotes", input: "\"a\r\nb\",c\r\n", rows: [["a\r\nb", "c"]]),
    Case(
      name: "byte-order mark", input: "\u{FEFF}time_period,x\n2023,1\n", rows: [["time_period", "x"], ["2023", "1"]]),
    Case(name: "empty quoted field", input: "\"\",a\n", rows: [["", "a"]]),
    Case(name: "non-ASCII", input: "Trafford – Ofsted,“quoted”\n", rows: [["Trafford – Ofsted", "“quoted”"]]),
  ]

  @Test("reads", arguments: cases)
  func reads(_ c: Case) throws {
    for chunk in [1, 2, 3, 7, 1 << 16] {
      #expect(try Self.read(c.input, chunk: chunk).map(\.fields) == c.rows, "chunk size \(chunk)")
    }
  }

  @Test("rows know the line they start on")
  func lines() throws {
    #expect(try Self.read("a\n\"b\nc\"\nd\n", chunk: 3).map(\.line) == [1, 2, 4])
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let error: CSVError
    var testDescription: String { name }
  }

  @Test(
    "malformed input names line and column",
    arguments: [
      Bad(
        name: "quote in unquoted field", input: "a,b\n1,2\"3\n",
        error: CSVError(
          line: 2, column: 2, message: "quote inside an unquoted field; quote the whole field and double the quote")),
      Bad(
        name: "text after closing quote", input: "\"a\"b,c\n",
        error: CSVError(line: 1, column: 1, message: "unexpected text after a closing quote")),
      Bad(
        name: "unterminated quote", input: "a,b\n1,\"open\n2,3\n",
        error: CSVError(line: 2, column: 2, message: "quoted field starting on line 2 is never closed")),
      Bad(name: "invalid UTF-8", input: "a,\u{FFFD}\n", error: CSVError(line: 1, column: 2, message: "invalid UTF-8")),
    ])
  func rejects(_ c: Bad) {
    var bytes = Array(c.input.utf8)
    if c.name == "invalid UTF-8" { bytes = [0x61, 0x2C, 0xC3, 0x28, 0x0A] }
    var reader = CSVReader(bytes: bytes, chunkSize: 2)
    #expect(throws: c.error) { while try reader.next() != nil {} }
  }

  @Test("a field over the limit is an error, not an allocation")
  func limit() {
    var reader = CSVReader(bytes: Array(String(repeating: "x", count: 5000).utf8))
    reader.maximumFieldBytes = 1000
    #expect(throws: CSVError(line: 1, column: 1, message: "field longer than 1000 bytes")) { try reader.next() }
  }

  @Test(
    "reads the real DfE and Ofsted files",
    arguments: [
      ("csww_indicators_2017_to_2023.csv", 1137, 32), ("ofsted_csc_ilacs_history_north_west.csv", 75, 15),
    ])
  func realFiles(_ file: (String, Int, Int)) throws {
    let path = repositoryRoot + "/examples/data/" + file.0
    var reader = try CSVReader(path: path)
    var rows: [CSVRow] = []
    while let row = try reader.next() { rows.append(row) }
    #expect(rows.count == file.1 + 1)
    #expect(rows.allSatisfy { $0.fields.count == file.2 })
    if file.0.hasPrefix("csww") { #expect(rows.filter { $0.fields.contains { $0.contains(", ") } }.count > 0) }
  }
}

@Suite("CSV reader: chunk boundaries")
struct CSVChunkPropertyTests {
  /// Every row and line, or the error, that reading `bytes` in chunks of `chunk` gives.
  static func outcome(_ bytes: [UInt8], chunk: Int) -> String {
    var reader = CSVReader(bytes: bytes, chunkSize: chunk)
    var rows: [String] = []
    do {
      while let row = try reader.next() { rows.append("\(row.line):\(row.fields)") }
      return rows.joined(separator: "|")
    } catch {
      return rows.joined(separator: "|") + " ! " + error.description
    }
  }

  /// Bytes that exercise every branch: separators, quotes, both line endings, a byte-order mark
  /// (whole or in part), multi-byte UTF-8 and an invalid byte.
  static let alphabet: [[UInt8]] = [
    Array("a".utf8), Array("7".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8), [0x0A], [0x0D],
    [0x0D, 0x0A],
    [0xEF, 0xBB, 0xBF], [0xEF, 0xBB], Array("é".utf8), Array("–".utf8), [0xC3], [0x00],
  ]

  @Test("any input reads the same whatever the chunk size (2,000 random inputs, fixed seed)")
  func sameForEveryChunkSize() {
    var random = SeededRandom(seed: 20_261_201)
    for _ in 0..<2_000 {
      let length = Int.random(in: 0...24, using: &random)
      let bytes = (0..<length).flatMap { _ in Self.alphabet.randomElement(using: &random)! }
      let whole = Self.outcome(bytes, chunk: 1 << 16)
      for chunk in 1...5 {
        #expect(Self.outcome(bytes, chunk: chunk) == whole, "input \(bytes), chunk size \(chunk)")
      }
    }
  }
}

@Test(
  "cells lose leading and trailing spaces and tabs only",
  arguments: [
    ("12.5", "12.5"), (" 12.5", "12.5"), ("12.5\t", "12.5"), (" \t c \t", "c"), ("   ", ""), ("", ""), ("a b", "a b"),
    (" – ", "–"),
  ])
func trimmingSpaces(_ c: (String, String)) {
  #expect(c.0.trimmingSpaces == c.1)
}

@Test(
  "days format as YYYY-MM-DD",
  arguments: [(1900, 1, 1, "1900-01-01"), (2023, 9, 30, "2023-09-30"), (2100, 12, 31, "2100-12-31")])
func isoDays(_ c: (Int, Int, Int, String)) throws {
  #expect(try Day(year: c.0, month: c.1, day: c.2).iso == c.3)
}
