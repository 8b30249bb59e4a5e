extension CanonicalJSON {
  /// Bytes the caller has written in canonical form itself (a writer built for one event shape,
  /// whose tests compare its bytes with `CanonicalJSON(_:)` of the same tree), taken as they are.
  ///
  /// Debug builds check them with `CanonicalJSONScanner`: the scanner must accept the text and
  /// write exactly the same bytes, so every test that runs such a writer checks its output.
  public init(uncheckedCanonical bytes: [UInt8]) {
    assert(
      bytes.withUnsafeBufferPointer { CanonicalJSON(text: $0)?.bytes == bytes },
      "not canonical JSON: \(String(decoding: bytes, as: UTF8.self))")
    self.init(trusted: bytes)
  }
}
