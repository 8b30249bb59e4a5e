import EventStore
import Foundation

/// A fresh temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
  let path: String

  init() {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/journey-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// A path inside the directory.
  func sub(_ name: String) -> String { path + "/" + name }
}

/// A small deterministic event for store tests.
func sampleEvent(_ n: Int, stream: String = "s", type: String = "note", payload: String? = nil) -> NewEvent {
  NewEvent(
    id: "e\(n)", type: type, stream: stream, valid: ValidTime(day: "2024-01-\(String(format: "%02d", n % 28 + 1))"),
    data: ["n": .number(Double(n)), "text": .string(payload ?? "event number \(n)")], meta: ["source": "test"])
}

/// A fixed clock so records are repeatable.
let fixedClock = Clock.fixed(1_790_000_000)

/// The segment files of a ledger, in order.
func segmentFiles(_ ledger: String) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: ledger + "/segments")) ?? [])
    .filter { $0.hasSuffix(".jsonl") }.sorted().map { ledger + "/segments/" + $0 }
}

/// A deterministic pseudo-random generator (SplitMix64) for property and fault tests.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
