import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Shows progress with rate and ETA on a terminal, at most a few times a second.
public struct ProgressBar {
  let console: Console
  let label: String
  var total: Int
  let unit: String
  let started = Date()
  private var lastDraw = Date.distantPast

  /// A bar named `label` for `total` units of `unit` (such as `B`), drawn on `console`.
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
