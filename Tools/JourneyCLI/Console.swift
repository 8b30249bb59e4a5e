import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command writes: data to standard output, messages and progress to standard error.
public final class Console: @unchecked Sendable {
  private var out: [UInt8] = []
  private var err: [UInt8] = []
  /// Whether output is captured in memory (tests) instead of written to the file descriptors.
  public let capturing: Bool
  /// Whether standard error is a terminal (progress bars and colour go there only then).
  public let errorIsTerminal: Bool
  /// Whether colour is allowed: a terminal, and `NO_COLOR` unset.
  public let colour: Bool
  /// The environment the command runs with.
  public let environment: [String: String]
  /// The ledger a query read, said in every answer (set where the query picks its ledger).
  public var ledgerRead: String?

  /// A console on the process's own standard output and error.
  public static func standard() -> Console {
    let environment = ProcessInfo.processInfo.environment
    let terminal = isatty(2) == 1
    return Console(
      capturing: false, errorIsTerminal: terminal, colour: terminal && isatty(1) == 1 && environment["NO_COLOR"] == nil,
      environment: environment)
  }

  /// A console that keeps what is written, for tests.
  public static func capture(environment: [String: String] = [:]) -> Console {
    Console(capturing: true, errorIsTerminal: false, colour: false, environment: environment)
  }

  init(capturing: Bool, errorIsTerminal: Bool, colour: Bool, environment: [String: String]) {
    self.capturing = capturing
    self.errorIsTerminal = errorIsTerminal
    self.colour = colour
    self.environment = environment
  }

  /// Writes `text` and a newline to standard output.
  public func print(_ text: String) { write(text + "\n") }

  /// Writes `text` to standard output as is.
  public func write(_ text: String) {
    endProgress()
    out.append(contentsOf: text.utf8)
    if out.count >= 1 << 16 { flush() }
  }

  /// Writes `text` and a newline to standard error.
  public func message(_ text: String) {
    endProgress()
    flush()
    emit(Array((text + "\n").utf8), fd: 2)
  }

  /// Writes an `error: …` line and an optional `hint: …` line to standard error.
  public func error(_ message: String, hint: String? = nil) {
    let label = colour ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
    self.message("\(label) \(message)")
    if let hint { self.message("hint: \(hint)") }
  }

  /// Redraws a one-line progress indicator on a terminal; does nothing when piped.
  public func progress(_ line: String) {
    guard errorIsTerminal && !capturing else { return }
    progressShown = true
    emit(Array(("\r\u{1B}[K" + line).utf8), fd: 2)
  }

  private var progressShown = false

  /// Clears the progress line, if one is shown.
  public func endProgress() {
    guard progressShown else { return }
    progressShown = false
    emit(Array("\r\u{1B}[K".utf8), fd: 2)
  }

  /// Writes buffered standard output.
  public func flush() {
    guard !out.isEmpty else { return }
    if capturing { captured.out.append(contentsOf: out) } else { writeAll(out, fd: 1) }
    out.removeAll(keepingCapacity: true)
  }

  private func emit(_ bytes: [UInt8], fd: Int32) {
    if capturing {
      if fd == 1 { captured.out.append(contentsOf: bytes) } else { captured.err.append(contentsOf: bytes) }
    } else {
      writeAll(bytes, fd: fd)
    }
  }

  private var captured: (out: [UInt8], err: [UInt8]) = ([], [])

  /// What was written to standard output (capturing consoles only).
  public var standardOutput: String {
    flush()
    return String(decoding: captured.out, as: UTF8.self)
  }

  /// What was written to standard error (capturing consoles only).
  public var standardError: String { String(decoding: captured.err, as: UTF8.self) }

  /// The first write that failed for a reason other than a closed pipe, if any: the stream and
  /// `errno`.
  ///
  /// Once a stream has failed nothing more is written to it.
  public private(set) var writeFailure: WriteFailure?

  /// Whether a stream was closed by its reader (EPIPE): the rest of the output is dropped quietly.
  private var closedStreams: Set<Int32> = []

  private func writeAll(_ bytes: [UInt8], fd: Int32) {
    guard !closedStreams.contains(fd), writeFailure?.fd != fd else { return }
    guard let code = Console.writeAll(bytes, fd: fd) else { return }
    if code == EPIPE { closedStreams.insert(fd) } else { writeFailure = WriteFailure(fd: fd, code: code) }
  }

  /// Writes every byte to `fd`, retrying interrupted writes; returns `errno` of a failed write.
  private static func writeAll(_ bytes: [UInt8], fd: Int32) -> Int32? {
    bytes.withUnsafeBytes { raw -> Int32? in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return errno }
        if n == 0 { return EIO }
        offset += n
      }
      return nil
    }
  }

  /// Says on standard error that a write failed, if one did, and returns whether one did.
  ///
  /// A failed write to standard error itself is reported there too: the message may still get
  /// through (a short write), and the exit status says it in any case.
  public func reportWriteFailure() -> Bool {
    guard let failure = writeFailure else { return false }
    let stream = failure.fd == 1 ? "standard output" : "standard error"
    let text = "error: writing \(stream): \(String(cString: strerror(failure.code)))\n"
    if capturing { captured.err.append(contentsOf: text.utf8) } else { _ = Console.writeAll(Array(text.utf8), fd: 2) }
    return true
  }
}
