import Foundation
import JourneyBenchKit
import Testing

/// The code of docs/ADDING-A-PROJECTION.md: each block is the file it names, and compiles.
@Suite("docs/ADDING-A-PROJECTION.md: its code is the shipped code, and it compiles as written")
struct GuideCodeTests {
  static let guidePath = JourneyProcess.repositoryRoot + "/docs/ADDING-A-PROJECTION.md"

  /// A fenced code block of the guide: its language and the file the line before it names.
  struct Block {
    var language: String
    var file: String?
    var code: String
  }

  /// The fenced blocks of the guide, each with the backticked path that ends the line before it
  /// (`` `Projections/Engine/ReReferralTrend.swift`: ``), if any.
  static func blocks() throws -> [Block] {
    let lines = try String(contentsOfFile: guidePath, encoding: .utf8).components(separatedBy: "\n")
    var blocks: [Block] = []
    var i = 0
    while i < lines.count {
      guard lines[i].hasPrefix("```") else {
        i += 1
        continue
      }
      let language = String(lines[i].dropFirst(3))
      let end = try #require(lines[(i + 1)...].firstIndex { $0 == "```" }, "unclosed block at line \(i + 1)")
      let before = lines[..<i].last { !$0.isEmpty } ?? ""
      let file = before.hasSuffix("`:") ? before.dropLast(2).split(separator: "`").last.map(String.init) : nil
      blocks.append(Block(language: language, file: file, code: lines[(i + 1)..<end].joined(separator: "\n")))
      i = end + 1
    }
    return blocks
  }

  @Test("every Swift block that names a file is that file, word for word")
  func blocksAreTheFiles() throws {
    let named = try Self.blocks().filter { $0.file != nil && $0.language == "swift" }
    #expect(named.count == 2)
    for block in named {
      let file = try String(contentsOfFile: JourneyProcess.repositoryRoot + "/" + block.file!, encoding: .utf8)
      #expect(block.code + "\n" == file, "\(block.file!) changed: copy it into docs/ADDING-A-PROJECTION.md's block")
    }
  }

  @Test("the registration line the guide adds is in the registry")
  func registrationLine() throws {
    let diff = try #require(try Self.blocks().first { $0.language == "diff" })
    let added = diff.code.components(separatedBy: "\n").filter { $0.hasPrefix("+") }.map { $0.dropFirst() }
    #expect(added.count == 1, "one registration line")
    let registry = try String(
      contentsOfFile: JourneyProcess.repositoryRoot + "/Projections/Engine/ProjectionRegistry.swift", encoding: .utf8)
    for line in added { #expect(registry.contains(line + "\n"), "'\(line)' is not in ProjectionRegistry.swift") }
  }

  @Test("the Swift blocks type-check together against the built modules, as a module of their own")
  func compiles() throws {
    let build = URL(fileURLWithPath: JourneyProcess.executable).deletingLastPathComponent().path
    let dir = TemporaryDirectory()
    var files: [String] = []
    for (n, block) in try Self.blocks().enumerated() where block.language == "swift" {
      // A file of the Projections module sees its own module; outside it, it imports it.
      let prelude = block.file?.hasPrefix("Projections/") == true ? "import Projections\n" : ""
      let path = dir.path + "/block\(n).swift"
      try (prelude + block.code + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      files.append(path)
    }
    #expect(files.count == 2)
    let arguments = [
      "swiftc", "-typecheck", "-module-name", "GuideCode", "-I", build + "/Modules", "-Xcc",
      "-fmodule-map-file=" + build + "/CSHA256.build/module.modulemap",
    ]
    let result = try PipedProcess("/usr/bin/env", arguments + files).finish()
    #expect(result.status == 0, "\(result.stderr)")
  }
}
