#if canImport(Glibc)
  import Glibc
#endif

/// Runs a system call again while it fails with `EINTR`.
@inline(__always)
func retryingOnInterrupt<T: FixedWidthInteger>(_ call: () -> T) -> T {
  while true {
    let result = call()
    if result != -1 || errno != EINTR { return result }
  }
}

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

  deinit { close(fd) }

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

/// File-system helpers that work on paths.
enum FileSystem {
  /// Whether something exists at `path`.
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// Whether `path` is a directory.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Creates a directory (mode 0o755 minus the umask) unless it exists.
  static func makeDirectory(_ path: String) throws(StoreError) {
    if isDirectory(path) { return }
    guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw StoreError.io("mkdir", path, errno) }
  }

  /// Forces a directory's entries (new files, renames) to stable storage.
  static func syncDirectory(_ path: String) throws(StoreError) {
    let dir = try FileHandleFD(path: path, flags: O_RDONLY | O_DIRECTORY)
    try dir.sync()
  }

  /// The names in a directory, unsorted, without `.` and `..`.
  static func list(_ path: String) throws(StoreError) -> [String] {
    guard let dir = opendir(path) else { throw StoreError.io("opendir", path, errno) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Writes `bytes` to `path` atomically: a temporary file, fsync, rename, fsync of the directory.
  static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String) throws(StoreError) {
    let temporary = path + ".tmp.\(getpid())"
    do {
      let file = try FileHandleFD(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC | O_APPEND)
      try file.writeAll(bytes)
      try file.sync()
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw StoreError.io("rename", path, code)
    }
    try syncDirectory(directory)
  }

  /// Reads a whole (small) file.
  static func readAll(_ path: String) throws(StoreError) -> [UInt8] {
    let file = try FileHandleFD(path: path, flags: O_RDONLY)
    return try file.readBytes(0..<file.size())
  }
}
