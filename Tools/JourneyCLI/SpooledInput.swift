import EventStore

#if canImport(Glibc)
  import Glibc
#endif

/// Standard input copied to an unlinked temporary file, so that it can be read more than once
/// (a streaming append checks the batch, then writes it) without holding it in memory.
///
/// The same limits as `BoundedInput` apply while copying: a line longer than a record may be, or
/// input over `InputFile.maximumBytes`, is refused as soon as it is seen.
final class SpooledInput {
  private let fd: Int32
  /// The number of bytes copied.
  let size: Int
  /// The input's name in messages ("stdin").
  let name: String

  /// Copies everything `next` returns (until it returns no bytes) to a temporary file.
  init(_ next: () -> [UInt8], name: String) throws(CLIError) {
    self.name = name
    fd = try SpooledInput.temporaryFile()
    var total = 0
    var lineStart = 0
    var line = 1
    do throws(CLIError) {
      while true {
        let chunk = next()
        if chunk.isEmpty { break }
        for i in SpooledInput.lineBreaks(in: chunk) {
          guard total + i - lineStart <= BoundedInput.maximumLineBytes else { throw BoundedInput.tooLong(name, line) }
          lineStart = total + i + 1
          line += 1
        }
        try SpooledInput.writeAll(chunk, to: fd)
        total += chunk.count
        guard total - lineStart <= BoundedInput.maximumLineBytes else { throw BoundedInput.tooLong(name, line) }
        guard total <= InputFile.maximumBytes else {
          throw CLIError.failure("\(name) is larger than \(InputFile.maximumBytes >> 20) MiB")
        }
      }
    } catch {
      close(fd)
      throw error
    }
    size = total
  }

  deinit { close(fd) }

  /// Calls `body` with each line (without its line break) and its 1-based number, in order.
  func forEachLine(_ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
    var carry: [UInt8] = []
    var offset = 0
    var number = 0
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while offset < size {
      let count = try read(into: &buffer, at: offset)
      offset += count
      var start = 0
      for i in SpooledInput.lineBreaks(in: buffer, count: count) {
        number += 1
        if carry.isEmpty {
          try body(buffer[start..<i], number)
        } else {
          carry.append(contentsOf: buffer[start..<i])
          try body(carry[...], number)
          carry.removeAll(keepingCapacity: true)
        }
        start = i + 1
      }
      carry.append(contentsOf: buffer[start..<count])
    }
    if !carry.isEmpty { try body(carry[...], number + 1) }
  }

  /// The indices of the line breaks among the first `count` bytes of `bytes` (all by default),
  /// found with `memchr`.
  static func lineBreaks(in bytes: [UInt8], count: Int? = nil) -> [Int] {
    var found: [Int] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let end = count ?? buffer.count
      var i = 0
      while i < end, let hit = memchr(base + i, 0x0A, end - i) {
        let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        found.append(index)
        i = index + 1
      }
    }
    return found
  }

  private func read(into buffer: inout [UInt8], at offset: Int) throws(CLIError) -> Int {
    let wanted = min(buffer.count, size - offset)
    let n = buffer.withUnsafeMutableBytes { raw in
      SpooledInput.retrying { pread(fd, raw.baseAddress!, wanted, off_t(offset)) }
    }
    guard n > 0 else {
      throw CLIError.failure("cannot re-read the copy of \(name): \(String(cString: strerror(errno)))")
    }
    return n
  }

  private static func temporaryFile() throws(CLIError) -> Int32 {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((directory + "/journey-input-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw CLIError.failure(
        "cannot create a temporary file in \(directory) to hold stdin: \(String(cString: strerror(errno)))")
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return fd
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(CLIError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw in retrying { write(fd, raw.baseAddress! + offset, raw.count - offset) } }
      guard n > 0 else {
        throw CLIError.failure("cannot write the temporary copy of stdin: \(String(cString: strerror(errno)))")
      }
      offset += n
    }
  }

  private static func retrying(_ call: () -> Int) -> Int {
    while true {
      let n = call()
      if n >= 0 || errno != EINTR { return n }
    }
  }
}
