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
    Vector(name: "abc (one block)", message: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    Vector(
      name: "448 bits (two blocks)", message: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    Vector(
      name: "896 bits",
      message: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
  ]

  @Test("example vectors", arguments: vectors)
  func vector(_ v: Vector) {
    #expect(SHA256.hash(Array(v.message.utf8)).hex == v.digest)
  }

  @Test("one million 'a'")
  func millionA() {
    var hasher = SHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hasher.update(chunk) }
    #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
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

  @Test("every length from 0 to 200 bytes matches the system sha256sum")
  func againstSha256sum() throws {
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
      #expect(SHA256.hash(inputs[length]).hex == digest, "length \(length)")
    }
  }
}
