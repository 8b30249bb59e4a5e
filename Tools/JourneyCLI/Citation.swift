import EventStore
import Foundation

/// Short citations for narrow tables: `000_84c332c63edd5a81.txt:866` becomes `000:866`.
enum Citation {
  static func short(_ citation: String) -> String {
    guard let colon = citation.firstIndex(of: ":") else { return citation }
    let file = citation[..<colon]
    let isSeed = file.count == 24 && file.hasSuffix(".txt") && file.prefix(3).allSatisfy(\.isNumber)
    return isSeed ? String(file.prefix(3)) + citation[colon...] : citation
  }
}
