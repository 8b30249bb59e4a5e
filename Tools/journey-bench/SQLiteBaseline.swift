import EventStore
import Foundation
import JourneyBenchKit

/// The SQLite baseline: the same events in an indexed table, and the equivalent as-of query.
struct SQLiteBaseline {
  let ledger: String
  let work: String

  struct Result {
    var rows: Int
    var load: Double
    var query: Double
    var matched: Int
  }

  /// nil when `sqlite3` is not installed.
  func measure() throws -> Result? {
    guard
      let sqlite = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else { return nil }
    let database = work + "/events.sqlite"
    let csv = work + "/events.csv"
    try? FileManager.default.removeItem(atPath: database)
    var out = ""
    var rows = 0
    try LedgerReader(at: ledger).forEach { view in
      let valid = view.valid
      let fields = [
        String(view.position), view.id, view.type, view.stream, valid?.from ?? "", valid?.to ?? "",
        String(decoding: view.dataBytes, as: UTF8.self),
      ]
      out += fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
      rows += 1
      return true
    }
    try out.write(toFile: csv, atomically: true, encoding: .utf8)
    let script = """
      CREATE TABLE events(pos INTEGER PRIMARY KEY, id TEXT, type TEXT, stream TEXT, valid_from TEXT, valid_to TEXT, data TEXT);
      .mode csv
      .import \(csv) events
      CREATE INDEX events_stream_valid ON events(stream, valid_from);
      """
    let scriptPath = work + "/load.sql"
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    let load = try ChildProcess.run(["sh", "-c", "\(sqlite) \(database) < \(scriptPath)"])
    let query =
      "SELECT pos, type, valid_from, data FROM events WHERE stream = 'la:358' AND (valid_from = '' OR valid_from <= '2020-06-30') ORDER BY pos;"
    let runs = try (0..<5).map { _ in try ChildProcess.run([sqlite, database, query]) }
    let matched = runs[0].output.split(separator: "\n").count
    return Result(rows: rows, load: load.seconds, query: runs.map(\.seconds).sorted()[2], matched: matched)
  }
}
