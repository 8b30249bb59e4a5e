import EventStore
import Foundation
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

/// Writing output files safely: to a temporary file beside the target, then renamed over it, so a
/// reader never sees half a file and a symbolic link at the target is replaced, not followed.
///
/// New files get the user's umask (never more than 0644).
enum OutputFile {
  static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: directory) else {
      throw .failure("cannot write \(path): the folder \(directory) does not exist")
    }
    if FileManager.default.fileExists(atPath: path),
      (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
    {
      throw .failure("cannot write \(path): it is a folder")
    }
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .failure("cannot write \(path): \(String(cString: strerror(errno)))") }
    var offset = 0
    let ok = bytes.withUnsafeBytes { raw -> Bool in
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return fsync(fd) == 0
    }
    let code = errno
    close(fd)
    guard ok, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw .failure("cannot write \(path): \(String(cString: strerror(ok ? errno : code)))")
    }
  }
}
