import Foundation

#if canImport(Glibc)
  import Glibc
#endif

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
