import EventStore
import Foundation
import JourneyDomain
import Projections

#if canImport(Glibc)
  import Glibc
#endif

/// A failed reliability check: what broke, stated plainly.
struct CheckFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
