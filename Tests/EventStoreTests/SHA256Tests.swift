import EventStore
import Foundation
import Testing

@Suite("SHA-256 against FIPS 180-4 / NIST vectors and sha256sum")
struct SHA256Tests {
  struct Vector: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let digest: String
    var testDescription: String { name }
  }

  static let vectors = [
    Vector(name: "empty", message: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    Vector(
      name: "abc (one block)", message: "abc",
      digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    Vector(
      name: "448 bits (two blocks)", message: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    Vector(
      name: "896 bits",
      message:
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
  ]

  /// The engines this CPU can run: always the portable one, and the SHA extensions when present.
  static let engines = SHA256.Engine.allCases.filter(\.isAvailable)

  @Test("example vectors, on every available engine", arguments: vectors, engines)
  func vector(_ v: Vector, engine: SHA256.Engine) {
    var hasher = SHA256(engine: engine)
    hasher.update(Array(v.message.utf8))
    #expect(hasher.finalize().hex == v.digest)
  }

  @Test("one million 'a', on every available engine", arguments: engines)
  func millionA(engine: SHA256.Engine) {
    var hasher = SHA256(engine: engine)
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hasher.update(chunk) }
    #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("one million 'a' in a single update, on every available engine", arguments: engines)
  func millionAInOneCall(engine: SHA256.Engine) {
    var hasher = SHA256(engine: engine)
    hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
    #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("the SHA extensions are used when /proc/cpuinfo lists sha_ni")
  func hardwareDetected() throws {
    let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
    let listed =
      cpuinfo?.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("sha_ni") }
      ?? false
    #expect(SHA256.Engine.hardware.isAvailable == listed)
    #expect(SHA256().engine == (listed ? .hardware : .portable))
  }

  @Test(
    "random messages of random lengths, fed in random chunks, give the same digest on both engines",
    .enabled(if: SHA256.Engine.hardware.isAvailable, "this CPU has no SHA extensions"))
  func enginesAgree() {
    var random = SystemRandomNumberGenerator()
    for round in 0..<400 {
      let length = round < 200 ? round : Int.random(in: 0...5000, using: &random)
      let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
      var portable = SHA256(engine: .portable)
      var hardware = SHA256(engine: .hardware)
      portable.update(message)
      var offset = 0
      while offset < message.count {
        let end = min(message.count, offset + Int.random(in: 1...200, using: &random))
        hardware.update(Array(message[offset..<end]))
        offset = end
      }
      #expect(portable.finalize() == hardware.finalize(), "length \(length)")
    }
  }

  @Test("uneven streaming chunks equal one shot")
  func streaming() {
    let message = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var hasher = SHA256()
    var offset = 0
    var step = 1
    while offset < message.count {
      let end = min(message.count, offset + step)
      hasher.update(Array(message[offset..<end]))
      offset = end
      step = step % 97 + 13
    }
    #expect(hasher.finalize() == SHA256.hash(message))
  }

  @Test("every length from 0 to 200 bytes matches the system sha256sum, on every available engine", arguments: engines)
  func againstSha256sum(engine: SHA256.Engine) throws {
    let dir = TemporaryDirectory()
    var expected: [String] = []
    var inputs: [[UInt8]] = []
    for length in 0...200 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: ($0 * 7 + length) ^ 0x5A) }
      let path = dir.sub("m\(length)")
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      inputs.append(bytes)
      expected.append(path)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum"] + expected
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let digests = output.split(separator: "\n").map { String($0.prefix(64)) }
    #expect(digests.count == 201)
    for (length, digest) in digests.enumerated() {
      var hasher = SHA256(engine: engine)
      hasher.update(inputs[length])
      #expect(hasher.finalize().hex == digest, "length \(length)")
    }
  }
}
