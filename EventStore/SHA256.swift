import CSHA256

/// SHA-256 (FIPS 180-4), written for the hash chain: streaming, no allocation per block.
///
/// Blocks are compressed by the CPU's SHA extensions when it has them (checked once, by CPUID,
/// in `Engine.preferred`), otherwise by the portable Swift code below; both give the same digests
/// and the tests check both against the NIST vectors.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(bytes)
/// let digest = hasher.finalize()   // digest.bytes, digest.hex
/// ```
public struct SHA256: Sendable {
  /// A 32-byte SHA-256 digest.
  public struct Digest: Sendable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// 64 lower-case hex digits.
    public var hex: String { HashChain.hexString(bytes) }
    public var description: String { hex }
  }

  /// Which code compresses the 64-byte blocks.
  public enum Engine: Sendable, Equatable, CaseIterable {
    /// The Swift implementation of FIPS 180-4, on any CPU.
    case portable
    /// The x86 SHA extensions (SHA-NI), through the C target `CSHA256`.
    case hardware

    /// Whether this CPU can run the engine.
    public var isAvailable: Bool { self == .portable || Engine.hardwareAvailable }

    /// The fastest engine this CPU can run.
    public static let preferred: Engine = hardwareAvailable ? .hardware : .portable

    private static let hardwareAvailable = csha256_hardware_available() != 0
  }

  /// The engine this hasher uses.
  public let engine: Engine

  @usableFromInline var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// Bytes waiting to fill a block (fewer than 64), stored inline: no allocation per hash.
  @usableFromInline var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
    0, 0, 0, 0, 0, 0, 0, 0
  )
  @usableFromInline var pendingCount = 0
  @usableFromInline var length: UInt64 = 0

  /// A hasher on the fastest engine this CPU can run.
  public init() { engine = .preferred }

  /// A hasher on `engine`, which must be available on this CPU (`engine.isAvailable`).
  public init(engine: Engine) {
    precondition(engine.isAvailable, "the SHA extensions are not available on this CPU")
    self.engine = engine
  }

  /// The digest of `bytes` in one call.
  public static func hash(_ bytes: [UInt8]) -> Digest {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Adds `bytes` to the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Adds the UTF-8 bytes of `text` to the message.
  public mutating func update(_ text: String) {
    var copy = text
    copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// Adds `bytes` to the message; whole blocks are hashed straight from the caller's buffer.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress, !bytes.isEmpty else { return }
    length &+= UInt64(bytes.count)
    var remaining = bytes.count
    if pendingCount > 0 {
      let take = min(64 - pendingCount, remaining)
      let offset = pendingCount
      withUnsafeMutableBytes(of: &pending) { buffer in
        buffer.baseAddress!.advanced(by: offset).copyMemory(from: base, byteCount: take)
      }
      pendingCount += take
      base += take
      remaining -= take
      guard pendingCount == 64 else { return }
      var block = pending
      withUnsafeBytes(of: &block) { compress($0.baseAddress!, blocks: 1) }
      pendingCount = 0
    }
    let whole = remaining / 64
    if whole > 0 {
      compress(base, blocks: whole)
      base += whole * 64
      remaining -= whole * 64
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: base, byteCount: remaining) }
      pendingCount = remaining
    }
  }

  /// Pads the message and returns its digest.
  public mutating func finalize() -> Digest {
    let out = [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
      finalize(into: UnsafeMutableRawPointer(buffer.baseAddress!))
      count = 32
    }
    return Digest(bytes: out)
  }

  /// Pads the message and writes its 32-byte digest to `target`, without allocating.
  public mutating func finalize(into target: UnsafeMutableRawPointer) {
    let bitLength = length &* 8
    var tail = (pending, (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0)))
    let count = pendingCount
    let blocks = count + 9 <= 64 ? 1 : 2
    withUnsafeMutableBytes(of: &tail) { buffer in
      buffer[count] = 0x80
      for i in (count + 1)..<(blocks * 64 - 8) { buffer[i] = 0 }
      for i in 0..<8 { buffer[blocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
    }
    withUnsafeBytes(of: &tail) { compress($0.baseAddress!, blocks: blocks) }
    pendingCount = 0
    withUnsafeBytes(of: state) { raw in
      for i in 0..<8 {
        let word = raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
        target.storeBytes(of: word.bigEndian, toByteOffset: 4 * i, as: UInt32.self)
      }
    }
  }

  /// Hashes `blocks` whole 64-byte blocks at `start` into the state, on this hasher's engine.
  @usableFromInline mutating func compress(_ start: UnsafeRawPointer, blocks: Int) {
    switch engine {
    case .hardware:
      withUnsafeMutableBytes(of: &state) { raw in
        csha256_hardware_compress(
          raw.baseAddress!.assumingMemoryBound(to: UInt32.self), start.assumingMemoryBound(to: UInt8.self), blocks)
      }
    case .portable:
      for b in 0..<blocks { compress(start + b * 64) }
    }
  }

  @usableFromInline static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  @inline(__always) static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

  /// Hashes one 64-byte block at `block` into the state.
  ///
  /// The message schedule is kept as a 16-word ring in locals (no buffer), and the constants are
  /// read through an unsafe pointer, so a block costs no allocation and no bounds checks.
  @usableFromInline mutating func compress(_ block: UnsafeRawPointer) {
    SHA256.k.withUnsafeBufferPointer { kp in
      let k = kp.baseAddress!
      var w = (
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self)),
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
      )
      withUnsafeMutableBytes(of: &w) { raw in
        let w = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
        var (a, b, c, d, e, f, g, h) = state
        for i in 0..<64 {
          let wi: UInt32
          if i < 16 {
            wi = w[i]
          } else {
            let w15 = w[(i - 15) & 15]
            let w2 = w[(i - 2) & 15]
            let s0 = SHA256.rotr(w15, 7) ^ SHA256.rotr(w15, 18) ^ (w15 >> 3)
            let s1 = SHA256.rotr(w2, 17) ^ SHA256.rotr(w2, 19) ^ (w2 >> 10)
            wi = w[i & 15] &+ s0 &+ w[(i - 7) & 15] &+ s1
            w[i & 15] = wi
          }
          let t1 =
            h &+ (SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ wi
          let t2 = (SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
          h = g
          g = f
          f = e
          e = d &+ t1
          d = c
          c = b
          b = a
          a = t1 &+ t2
        }
        state = (
          state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
        )
      }
    }
  }
}
