import Foundation
import JourneyBenchKit
import Testing

/// DuckDB's Python package, when installed (`.ci/run` installs it with pip).
enum DuckDB {
  static let available: Bool = (try? python(["-c", "import duckdb"]).status) == 0

  /// Runs `python3` with `arguments`, returning its status and standard output.
  static func python(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let result = try PipedProcess("/usr/bin/env", ["python3"] + arguments).finish()
    return (result.status, result.stdout)
  }

  /// Loads `csv` and `jsonl` into DuckDB; for each, the row count and each column's type.
  static let script = """
    import duckdb, json, sys
    con = duckdb.connect()
    result = {}
    for name, source in [("csv", "read_csv('%s', header=true)" % sys.argv[1]), ("jsonl", "read_json('%s', format='newline_delimited')" % sys.argv[2])]:
        count = con.execute("select count(*) from " + source).fetchone()[0]
        types = {row[0]: row[1] for row in con.execute("describe select * from " + source).fetchall()}
        result[name] = {"count": count, "types": types}
    print(json.dumps(result))
    """
}

@Suite(
  "export loads into DuckDB with typed columns",
  .enabled(if: DuckDB.available, "the duckdb Python package is not installed (.ci/run installs it)"))
struct ExportDuckDBTests {
  @Test("the CSV and the JSON lines load with the same rows, numbers as DOUBLE and the derived flag as BOOLEAN")
  func duckdb() throws {
    let dir = TemporaryDirectory()
    let csv = dir.path + "/facts.csv"
    let jsonl = dir.path + "/facts.jsonl"
    #expect(try JourneyProcess.run(["export", "--format", "csv", "--out", csv]).status == 0)
    #expect(try JourneyProcess.run(["export", "--format", "jsonl", "--out", jsonl]).status == 0)
    let facts = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n").count
    let loaded = try DuckDB.python(["-c", DuckDB.script, csv, jsonl])
    #expect(loaded.status == 0)
    let result = try #require(
      try JSONSerialization.jsonObject(with: Data(loaded.stdout.utf8)) as? [String: [String: Any]])
    for format in ["csv", "jsonl"] {
      let table = try #require(result[format])
      #expect(table["count"] as? Int == facts, "\(format)")
      let types = try #require(table["types"] as? [String: String])
      #expect(types.count == 23, "\(format): \(types)")
      #expect(types["value"] == "DOUBLE", "\(format): \(types)")
      #expect(types["derived"] == "BOOLEAN", "\(format): \(types)")
      #expect(types["quote"] == "VARCHAR", "\(format): \(types)")
    }
    #expect(facts > 200)
  }
}
