import Foundation
import Projections
import Testing

@Suite("journey view: every registered projection is shown with no command of its own")
struct ViewEndToEndTests {
  /// The JSON object `journey ARGS --json` prints.
  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try JourneyProcess.run(arguments + ["--json"])
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test(
    "each registered projection shows rows with its declared columns", arguments: ProjectionRegistry.all.map { $0.name }
  )
  func shown(_ name: String) throws {
    let type = try #require(ProjectionRegistry.named(name))
    let view = try json(["view", name, "--authority", "Trafford", "--as-of", "2023-06-30"])
    #expect(view["projection"] as? String == name)
    let rows = try #require(view["rows"] as? [[String: Any]])
    #expect(!rows.isEmpty, "\(name) shows nothing for Trafford")
    for row in rows { #expect(Set(row.keys) == Set(type.columns)) }
  }

  @Test("journey projections lists exactly the registry")
  func listed() throws {
    let result = try JourneyProcess.run(["projections", "--json"])
    let listed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(listed.compactMap { $0["name"] as? String } == ProjectionRegistry.all.map { $0.name })
  }

  @Test("numbers stay numbers and the time axes apply: --known-at before the pack hides its readings")
  func typedAndTimed() throws {
    let readiness = try json(["view", "readiness", "--authority", "Trafford"])
    let rows = try #require(readiness["rows"] as? [[String: Any]])
    #expect(rows.count == 6 && rows.allSatisfy { $0["weight"] is Double })
    let now = try json(["view", "re-referral-trend", "--authority", "Trafford"])
    #expect((now["rows"] as? [Any])?.count == 3)
    let before = try json(["view", "re-referral-trend", "--authority", "Trafford", "--known-at", "2022-01-01"])
    #expect((before["rows"] as? [Any])?.isEmpty == true)
  }

  @Test(
    "a missing or unknown projection is a usage error naming the choices",
    arguments: [
      (["view"], "say which projection to show"),
      (["view", "readines", "--authority", "Bury"], "did you mean readiness?"),
      (["view", "nope", "--authority", "Bury"], "one of: judgement-history"),
      (["view", "readiness"], "--authority"),
    ])
  func refused(_ arguments: [String], _ says: String) throws {
    let result = try JourneyProcess.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(says), "\(result.stderr)")
  }
}
