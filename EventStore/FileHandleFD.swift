#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor with the few operations the store needs; every failure names the path.
final class FileHandleFD {
  let fd: Int32
  let path: String

  /// Opens `path` with `flags` (and `mode` when creating).
  init(path: String, flags: Int32, mode: mode_t = 0o644) throws(StoreError) {
    let fd = retryingOnInterrupt { open(path, flags | O_CLOEXEC, mode) }
    guard fd >= 0 else { throw StoreError.io("open", path, errno) }
    self.fd = fd
    self.path = path
  }

  private init(fd: Int32, path: String) {
    self.fd = fd
    self.path = path
  }

  deinit { close(fd) }

  /// Creates a file in `directory` that only this handle can reach: made with `mkstemp` and
  /// unlinked at once, so it disappears when the handle is closed, however the process ends.
  static func temporary(in directory: String) throws(StoreError) -> FileHandleFD {
    let path = directory + "/journey-spool-XXXXXX"
    var template = Array(path.utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw StoreError.io("mkstemp", path, errno) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    let created = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    _ = unlink(created)
    return FileHandleFD(fd: fd, path: created)
  }

  /// The current size of the file in bytes.
  func size() throws(StoreError) -> Int {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw StoreError.io("fstat", path, errno) }
    return Int(info.st_size)
  }

  /// Writes every byte of `bytes` at the end of the file (the file is opened with `O_APPEND`).
  func writeAll(_ bytes: [UInt8]) throws(StoreError) {
    try bytes.withUnsafeBytes { raw in Result { () throws(StoreError) in try writeAll(raw) } }.get()
  }

  /// Writes every byte of `bytes` at the end of the file (the file is opened with `O_APPEND`).
  func writeAll(_ bytes: UnsafeRawBufferPointer) throws(StoreError) {
    var offset = 0
    while offset < bytes.count {
      let n = retryingOnInterrupt { write(fd, bytes.baseAddress! + offset, bytes.count - offset) }
      guard n > 0 else { throw StoreError.io("write", path, n == 0 ? EIO : errno) }
      offset += n
    }
  }

  /// Reads up to `count` bytes at `offset` into `buffer`; returns how many were read (0 at end).
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(StoreError) -> Int {
    let n = retryingOnInterrupt { pread(fd, buffer.baseAddress, buffer.count, off_t(offset)) }
    guard n >= 0 else { throw StoreError.io("read", path, errno) }
    return n
  }

  /// Reads exactly the bytes in `range`, or fewer if the file ends first.
  func readBytes(_ range: Range<Int>) throws(StoreError) -> [UInt8] {
    var result = [UInt8](repeating: 0, count: range.count)
    var filled = 0
    while filled < range.count {
      let n = try result.withUnsafeMutableBytes { buffer in
        Result { () throws(StoreError) in
          try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: range.lowerBound + filled)
        }
      }.get()
      if n == 0 { break }
      filled += n
    }
    return filled == range.count ? result : Array(result[..<filled])
  }

  /// Forces written data to stable storage.
  func sync() throws(StoreError) {
    guard retryingOnInterrupt({ fsync(fd) }) == 0 else { throw StoreError.io("fsync", path, errno) }
  }

  /// Cuts the file to `length` bytes.
  func truncate(to length: Int) throws(StoreError) {
    guard retryingOnInterrupt({ ftruncate(fd, off_t(length)) }) == 0 else {
      throw StoreError.io("truncate", path, errno)
    }
  }

  /// Takes an exclusive advisory lock on the whole file, waiting for other holders.
  func lockExclusive() throws(StoreError) {
    guard retryingOnInterrupt({ flock(fd, LOCK_EX) }) == 0 else { throw StoreError.io("flock", path, errno) }
  }

  /// Releases the advisory lock.
  func unlock() {
    _ = flock(fd, LOCK_UN)
  }
}
