#if canImport(Glibc)
  import Glibc
#endif

/// One segment file: its first position and path.
struct Segment: Equatable {
  var firstPosition: Int
  var path: String

  /// The segments of a ledger in position order.
  static func list(_ layout: LedgerLayout) throws(StoreError) -> [Segment] {
    try FileSystem.list(layout.segmentsPath)
      .compactMap { name in
        LedgerLayout.firstPosition(ofSegmentNamed: name).map {
          Segment(firstPosition: $0, path: layout.segmentsPath + "/" + name)
        }
      }
      .sorted { $0.firstPosition < $1.firstPosition }
  }
}
