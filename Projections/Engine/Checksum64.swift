/// A fast 64-bit checksum for cached files: catches accidental damage, not deliberate forgery.
///
/// Each 8-byte little-endian word is mixed into the running value by steps that are each
/// one-to-one (xor with the word times an odd constant, a rotation, a multiplication by an odd
/// constant), so changing the bytes of any one word always changes the result; other damage goes
/// unnoticed with probability about 2⁻⁶⁴. The length and a final avalanche complete it. About 20×
/// cheaper than SHA-256 here; checkpoints use it because they are caches whose bytes the
/// ledger's own hash chain does not cover, and anyone able to forge one could rewrite a SHA-256
/// next to it just as well.
public enum Checksum64 {
  private static let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
  private static let k2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

  /// The checksum of `bytes`, as 16 lower-case hex digits.
  public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
    let value = of(bytes)
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: (0..<16).map { digits[Int((value >> UInt64(60 - 4 * $0)) & 0xF)] }, as: UTF8.self)
  }

  /// The checksum of `bytes`.
  public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = k2
    let words = bytes.count / 8
    for i in 0..<words {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
      h = mix(h, word)
    }
    var last: UInt64 = 0
    for (shift, byte) in bytes[(words * 8)...].enumerated() { last |= UInt64(byte) << UInt64(8 * shift) }
    h = mix(h, last)
    h = mix(h, UInt64(bytes.count))
    // The final avalanche of MurmurHash3, so every input bit reaches every output bit.
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h &*= 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }

  @inline(__always)
  private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
    let x = h ^ (word &* k1)
    return ((x << 31) | (x >> 33)) &* k2
  }
}
