import Testing

@testable import EventStore

@Suite("The record scanner finds the end of a string as a byte-by-byte reading does")
struct LineScannerTests {
  /// The end of a string found one byte at a time: the reference.
  private func slowEnd(_ bytes: [UInt8], from: Int) -> Int? {
    var i = from
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\"") { return i }
      if bytes[i] < 0x20 { return nil }
      i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
    }
    return nil
  }

  @Test("random strings of quotes, backslashes, control and plain bytes, at every start")
  func randomStrings() {
    var state: UInt64 = 7
    let alphabet: [UInt8] = [0x22, 0x5C, 0x01, 0x1F, 0x20, 0x61, 0x7B, 0x7D, 0xC3, 0xA9, 0x30]
    for _ in 0..<2000 {
      let length = Int(state % 70)
      var bytes: [UInt8] = []
      for _ in 0..<length {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let pick = Int(state >> 33) % 40
        bytes.append(pick < alphabet.count ? alphabet[pick] : 0x61)
      }
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for from in 0...bytes.count {
        let fast = bytes.withUnsafeBufferPointer { LineScanner.stringEnd($0, from: from) }
        #expect(fast == slowEnd(bytes, from: from), "\(bytes) from \(from)")
      }
    }
  }
}
