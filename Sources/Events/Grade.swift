import EventStore
import Foundation

/// The Ofsted grades and their accepted spellings.
public enum Grade {
  public static let all = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]

  /// The exact Ofsted string for `text` (any case; `Requires improvement` and `RI` are aliases).
  public static func canonical(_ text: String) -> String? {
    let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
    if let exact = all.first(where: { $0.lowercased() == lower }) { return exact }
    return ["requires improvement", "ri"].contains(lower) ? "Requires improvement to be good" : nil
  }
}
