/// Strings from UTF-8 bytes that must be valid, with a fast path for ASCII.
///
/// `String(validating:as:)` is generic and not specialised for byte buffers, which made it the
/// largest cost of loading checkpoints and parsing payloads; ASCII (most of what the ledger holds)
/// needs no validation beyond the byte check, and `String(decoding:as:)` is specialised.
public enum UTF8Text {
  /// The text of `bytes`, or nil when they are not valid UTF-8.
  public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var combined: UInt8 = 0
    for byte in bytes { combined |= byte }
    if combined < 0x80 { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  /// The text of `bytes`, or nil when they are not valid UTF-8.
  public static func string(_ bytes: some Collection<UInt8>) -> String? {
    bytes.withContiguousStorageIfAvailable { string($0) } ?? String(validating: Array(bytes), as: UTF8.self)
  }
}
