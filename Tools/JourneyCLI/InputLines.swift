#if canImport(Glibc)
  import Glibc
#endif

/// Input read in chunks and handed on line by line, holding only the current chunk and one
/// unfinished line; a line longer than a record may be is refused as soon as it is seen.
struct InputLines {
  /// The input's name in messages ("stdin").
  let name: String
  /// The most bytes the whole input may have, when limited.
  var maximumBytes: Int? = nil
  /// What a refused input means for the ledger, said after the error (for example "nothing was
  /// appended").
  var outcome = "nothing was appended"

  /// Calls `body` with each line (without its line break) and its 1-based number, in order, for
  /// everything `next` returns until it returns no bytes.
  ///
  /// - Throws: `CLIError` for a line over `BoundedInput.maximumLineBytes` or input over
  ///   `maximumBytes`; what `body` throws.
  func forEach(_ next: () -> [UInt8], _ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
    var carry: [UInt8] = []
    var number = 0
    var total = 0
    while true {
      let chunk = next()
      if chunk.isEmpty { break }
      total += chunk.count
      try checkTotal(total)
      var start = 0
      for end in InputLines.lineBreaks(in: chunk) {
        number += 1
        if carry.isEmpty {
          try checkLength(end - start, line: number)
          try body(chunk[start..<end], number)
        } else {
          carry.append(contentsOf: chunk[start..<end])
          try checkLength(carry.count, line: number)
          try body(carry[...], number)
          carry.removeAll(keepingCapacity: true)
        }
        start = end + 1
      }
      carry.append(contentsOf: chunk[start...])
      try checkLength(carry.count, line: number + 1)
    }
    if !carry.isEmpty { try body(carry[...], number + 1) }
  }

  private func checkLength(_ count: Int, line: Int) throws(CLIError) {
    guard count > BoundedInput.maximumLineBytes else { return }
    throw .failure(
      "\(name) line \(line) is longer than \(BoundedInput.maximumLineBytes >> 20) MiB; \(outcome)",
      hint: "an event is at most 4 MiB; split or shorten the input")
  }

  private func checkTotal(_ total: Int) throws(CLIError) {
    guard let maximumBytes, total > maximumBytes else { return }
    throw .failure("\(name) is larger than \(maximumBytes >> 20) MiB; \(outcome)")
  }

  /// The indices of the line breaks in `bytes`, found with `memchr`.
  static func lineBreaks(in bytes: [UInt8]) -> [Int] {
    var found: [Int] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var i = 0
      while i < buffer.count, let hit = memchr(base + i, 0x0A, buffer.count - i) {
        let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        found.append(index)
        i = index + 1
      }
    }
    return found
  }
}
