#if canImport(Glibc)
  import Glibc
#endif

/// The source of the store's recorded-at times; inject a fixed clock for repeatable tests.
public struct Clock: Sendable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var now: @Sendable () -> Double

  public init(now: @escaping @Sendable () -> Double) { self.now = now }

  /// The system's real-time clock.
  public static let system = Clock {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// A clock stuck at `seconds` since 1970.
  public static func fixed(_ seconds: Double) -> Clock { Clock { seconds } }

  /// Formats `seconds` since 1970 as `YYYY-MM-DDTHH:MM:SS.sssZ`.
  public static func timestamp(_ seconds: Double) -> String {
    var whole = time_t(seconds.rounded(.down))
    let millis = Int(((seconds - Double(whole)) * 1000).rounded(.down))
    var parts = tm()
    gmtime_r(&whole, &parts)
    func pad(_ v: Int32, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
      + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
  }
}
