/// The SHA-256 hash chain that links every record to the one before it.
///
/// A record's hash is `SHA-256(previous record's 32-byte hash ‖ the record line's bytes up to
/// ,"hash")`; the first record's previous hash is 32 zero bytes.
public enum HashChain {
  /// The previous hash of the first record: 32 zero bytes.
  public static let genesis = [UInt8](repeating: 0, count: 32)

  /// The chain hash of a record whose hashed content is `content`.
  public static func link(previous: [UInt8], content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var hasher = SHA256()
    previous.withUnsafeBytes { hasher.update($0) }
    hasher.update(UnsafeRawBufferPointer(content))
    return hasher.finalize().bytes
  }

  /// Writes the chain hash of a record whose hashed content is `content` to `target` (32 bytes),
  /// without allocating.
  public static func link(
    previous: UnsafeRawBufferPointer, content: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableRawPointer
  ) {
    var hasher = SHA256()
    hasher.update(previous)
    hasher.update(UnsafeRawBufferPointer(content))
    hasher.finalize(into: target)
  }

  /// Whether the 32 bytes of `hash` equal the 64 lower-case hex digits in `hex`, without
  /// allocating.
  public static func matches(_ hash: UnsafeRawBufferPointer, hex: UnsafeBufferPointer<UInt8>) -> Bool {
    guard hash.count * 2 == hex.count, let h = hash.baseAddress, let x = hex.baseAddress else { return false }
    var differ: UInt8 = 0
    for i in 0..<hash.count {
      let byte = h.load(fromByteOffset: i, as: UInt8.self)
      let high = byte >> 4
      let low = byte & 0x0F
      differ |= (high &+ (high < 10 ? 48 : 87)) ^ x[2 * i]
      differ |= (low &+ (low < 10 ? 48 : 87)) ^ x[2 * i + 1]
    }
    return differ == 0
  }

  /// The chain hash a stored record should carry, given its predecessor's hash.
  public static func link(previous: [UInt8], record: RecordView) -> [UInt8] {
    link(previous: previous, content: record.hashedContent)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Whether `hash` equals the 64 lower-case hex digits in `hex`, without allocating.
  public static func matches(_ hash: [UInt8], hex: UnsafeBufferPointer<UInt8>) -> Bool {
    hash.withUnsafeBytes { matches($0, hex: hex) }
  }

  /// Lower-case hex digits of `bytes`.
  public static func hex(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 0x0F)])
    }
    return out
  }

  /// Lower-case hex text of `bytes`.
  public static func hexString(_ bytes: [UInt8]) -> String { String(decoding: hex(bytes), as: UTF8.self) }

  /// The bytes of lower-case hex digits (the caller has checked they are hex).
  public static func bytes<C: Collection<UInt8>>(fromHex hex: C) -> [UInt8] {
    func value(_ c: UInt8) -> UInt8 { c <= UInt8(ascii: "9") ? c &- 48 : c &- 87 }
    var out = [UInt8]()
    out.reserveCapacity(hex.count / 2)
    var iterator = hex.makeIterator()
    while let high = iterator.next(), let low = iterator.next() { out.append(value(high) << 4 | value(low)) }
    return out
  }
}
