import JourneyBenchKit
import Projections
import Testing

@Suite("Checkpoint checksum")
struct Checksum64Tests {
  static func checksum(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { Checksum64.of($0) } }

  @Test("every single-bit flip of a 1,027-byte state changes the checksum (all 8,216 of them)")
  func singleBitFlips() {
    var random = SeededRandom(seed: 64)
    let original = (0..<1027).map { _ in UInt8.random(in: 0...255, using: &random) }
    let expected = Self.checksum(original)
    var missed = 0
    for bit in 0..<(original.count * 8) {
      var damaged = original
      damaged[bit / 8] ^= 1 << UInt8(bit % 8)
      if Self.checksum(damaged) == expected { missed += 1 }
    }
    #expect(missed == 0)
  }

  @Test(
    "truncation, extension with zeros, and swapped words change the checksum",
    arguments: [
      ([UInt8](), [UInt8]([0])), ([0], [0, 0]), (Array(repeating: 0, count: 8), Array(repeating: 0, count: 16)),
      (Array(1...16), Array(9...16) + Array(1...8)), (Array(1...20), Array(1...19)),
    ])
  func otherDamage(_ pair: ([UInt8], [UInt8])) {
    #expect(Self.checksum(pair.0) != Self.checksum(pair.1))
  }

  @Test("the same bytes give the same 16 hex digits")
  func stable() {
    let text = Array("checkpoint state".utf8)
    let hex = text.withUnsafeBytes { Checksum64.hex($0) }
    #expect(hex.count == 16 && hex.allSatisfy(\.isHexDigit))
    #expect(hex == text.withUnsafeBytes { Checksum64.hex($0) })
    #expect(hex == String(Self.checksum(text), radix: 16).leftPadded(to: 16))
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
