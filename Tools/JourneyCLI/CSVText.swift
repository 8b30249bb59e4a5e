import EventStore
import Foundation

/// Writing CSV cells safely.
public enum CSVText {
  /// Quotes a cell when needed and neutralises formula injection: a cell starting with `=`, `+`,
  /// `-`, `@`, tab or carriage return gets a leading apostrophe (numbers like `-3.5` are kept).
  public static func cell(_ text: String) -> String {
    var value = text
    if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil, value != "-" { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
