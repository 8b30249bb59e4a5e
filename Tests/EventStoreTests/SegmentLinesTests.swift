import Foundation
import Testing

@testable import EventStore

@Suite("Segment lines: mapped and buffered reading agree")
struct SegmentLinesTests {
  /// Every line and offset handed out, and where reading stopped, or the error.
  static func lines(_ path: String, from: Int, limit: Int, mapped: Bool, bufferSize: Int) -> String {
    do {
      let file = try FileHandleFD(path: path, flags: O_RDONLY)
      var seen: [String] = []
      let end = try SegmentLines(file: file, from: from, limit: limit, bufferSize: bufferSize, mapped: mapped).forEach {
        line, offset in
        seen.append("\(offset):\(String(decoding: line, as: UTF8.self))")
        return true
      }
      return seen.joined(separator: "|") + " end \(end)"
    } catch {
      return "error \(error)"
    }
  }

  @Test("any start and limit, including mid-line and past page boundaries (fixed seed)")
  func agree() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/segment.jsonl"
    var random = SeededGenerator(seed: 7)
    var text = ""
    for n in 0..<400 { text += String(repeating: "x", count: Int.random(in: 0...300, using: &random)) + "\(n)\n" }
    text += "partial line without a newline"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let size = text.utf8.count
    let starts = Array(text.utf8.enumerated().filter { $0.element == 0x0A }.map { $0.offset + 1 }.prefix(50)) + [0]
    for _ in 0..<60 {
      let from = starts.randomElement(using: &random)!
      let limit = Int.random(in: from...size, using: &random)
      let mapped = Self.lines(path, from: from, limit: limit, mapped: true, bufferSize: 1 << 20)
      #expect(
        mapped == Self.lines(path, from: from, limit: limit, mapped: false, bufferSize: 64),
        "from \(from) limit \(limit)")
      #expect(!mapped.hasPrefix("error"))
    }
  }

  @Test("a second forEach resumes after the line the first one stopped at, mapped or not")
  func resumes() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/segment.jsonl"
    try "one\ntwo\nthree\n".write(toFile: path, atomically: true, encoding: .utf8)
    for mapped in [true, false] {
      let lines = SegmentLines(file: try FileHandleFD(path: path, flags: O_RDONLY), from: 0, limit: 14, mapped: mapped)
      var seen: [String] = []
      let stoppedAt = try lines.forEach { line, _ in
        seen.append(String(decoding: line, as: UTF8.self))
        return false
      }
      let end = try lines.forEach { line, _ in
        seen.append(String(decoding: line, as: UTF8.self))
        return true
      }
      #expect(seen == ["one", "two", "three"], "mapped: \(mapped)")
      #expect(stoppedAt == 4 && end == 14, "mapped: \(mapped)")
    }
  }

  @Test("a line longer than any record is damage, mapped or not")
  func longLine() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/segment.jsonl"
    try ("short\n" + String(repeating: "y", count: TailScanner.maximumLineBytes * 2 + 10) + "\nafter\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    for mapped in [true, false] {
      let result = Self.lines(path, from: 0, limit: size, mapped: mapped, bufferSize: 1 << 20)
      #expect(result.contains("is longer than \(TailScanner.maximumLineBytes) bytes"), "mapped: \(mapped)")
    }
  }
}
