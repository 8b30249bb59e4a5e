extension UnsafeBufferPointer<UInt8> {
  /// Whether the bytes at `index` are the ASCII literal `literal` (false when too few remain).
  @inline(__always)
  func matches(_ literal: StaticString, at index: Int) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard index + count <= self.count else { return false }
    let start = literal.utf8Start
    for i in 0..<count where self[index + i] != start[i] { return false }
    return true
  }
}
