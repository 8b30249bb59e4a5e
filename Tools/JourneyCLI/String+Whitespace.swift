import EventStore
import Foundation

extension String {
  var trailingWhitespaceTrimmed: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
