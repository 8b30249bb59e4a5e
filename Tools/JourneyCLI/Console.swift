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

  /// A console on the process's own standard output and error.
  public static func standard() -> Console {
    let environment = ProcessInfo.processInfo.environment
    let terminal = isatty(2) == 1
    return Console(capturing: false, errorIsTerminal: terminal, colour: terminal && isatty(1) == 1 && environment["NO_COLOR"] == nil, environment: environment)
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
    if capturing { captured.out.append(contentsOf: out) } else { Console.writeAll(out, fd: 1) }
    out.removeAll(keepingCapacity: true)
  }

  private func emit(_ bytes: [UInt8], fd: Int32) {
    if capturing {
      if fd == 1 { captured.out.append(contentsOf: bytes) } else { captured.err.append(contentsOf: bytes) }
    } else {
      Console.writeAll(bytes, fd: fd)
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

  private static func writeAll(_ bytes: [UInt8], fd: Int32) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }  // a closed pipe: nothing more to do
        offset += n
      }
    }
  }
}

/// Shows progress with rate and ETA on a terminal, at most a few times a second.
public struct ProgressBar {
  let console: Console
  let label: String
  var total: Int
  let unit: String
  let started = Date()
  private var lastDraw = Date.distantPast

  public init(console: Console, label: String, total: Int, unit: String) {
    self.console = console
    self.label = label
    self.total = total
    self.unit = unit
  }

  /// Redraws the bar for `done` units of work, throttled.
  public mutating func update(_ done: Int) {
    guard console.errorIsTerminal, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
    lastDraw = Date()
    let elapsed = max(Date().timeIntervalSince(started), 0.001)
    let rate = Double(done) / elapsed
    let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
    let filled = Int(fraction * 30)
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
    let speed = unit == "B" ? String(format: "%.0f MB/s", rate / 1e6) : "\(Format.rate(rate)) \(unit)/s"
    console.progress("\(label) [\(bar)] \(Int(fraction * 100))%  \(speed)  ETA \(Format.seconds(eta))")
  }

  /// Clears the bar.
  public func finish() { console.endProgress() }
}

/// Small formatting helpers shared by the commands.
public enum Format {
  /// `12.3k`, `1.2M`.
  public static func rate(_ value: Double) -> String {
    switch value {
    case 1e6...: String(format: "%.1fM", value / 1e6)
    case 1e3...: String(format: "%.1fk", value / 1e3)
    default: String(format: "%.0f", value)
    }
  }

  /// `42s`, `3m05s`.
  public static func seconds(_ value: Double) -> String {
    let s = Int(value.rounded())
    return s < 60 ? "\(s)s" : String(format: "%dm%02ds", s / 60, s % 60)
  }
}
