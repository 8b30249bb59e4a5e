import EventStore
import Foundation
import JourneyDomain
import Testing

@Suite("docs/EVENTS.md")
struct EventsDocumentationTests {
  @Test("every event type has a section, and every example validates")
  func examples() throws {
    let text = try String(contentsOfFile: repositoryRoot + "/docs/EVENTS.md", encoding: .utf8)
    let blocks = text.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
    var typesSeen: Set<String> = []
    for block in blocks where !block.contains("…") {
      let event = try EventLine.parse(try JSONParser.parse(block))
      typesSeen.insert(event.type)
    }
    #expect(typesSeen == Set(EventCatalogue.all.map(\.name)))
    for spec in EventCatalogue.all { #expect(text.contains("### `\(spec.name)` (schema version \(spec.version))")) }
  }

  @Test("every field of every type is a row of its section's table")
  func fieldTables() throws {
    let text = try String(contentsOfFile: repositoryRoot + "/docs/EVENTS.md", encoding: .utf8)
    for spec in EventCatalogue.all {
      let heading = "### `\(spec.name)` (schema version \(spec.version))"
      let section = try #require(text.components(separatedBy: heading).dropFirst().first, "no section for \(spec.name)")
        .components(separatedBy: "\n### ")[0]
      for field in spec.fields {
        #expect(
          section.contains("| `\(field.name)` | \(field.required ? "yes" : "no") |"),
          "\(spec.name).\(field.name) is not in its table")
      }
    }
  }
}
