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
