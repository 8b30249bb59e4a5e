/// Lists of locators by stream, for a fact set's plain statements.
///
/// Events mostly come stream by stream, so the list last appended to is found without hashing
/// the stream's name. A stream whose list empties stays known with an empty list; `lists` and
/// `subscript` skip it.
struct StreamLists {
  private var slots: [String: Int] = [:]
  private var names: [String] = []
  private var lists: [[UInt64]] = []
  private var last = -1
  /// How many locators all lists hold.
  private(set) var count = 0

  /// Whether no stream has a locator.
  var isEmpty: Bool { lists.allSatisfy(\.isEmpty) }

  /// The non-empty lists, by stream name in order.
  var byStream: [(stream: String, locators: [UInt64])] {
    zip(names, lists).filter { !$0.1.isEmpty }.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) }
  }

  /// Every locator, stream by stream.
  var allLocators: [UInt64] { lists.flatMap { $0 } }

  /// A stream's locators, nil when it has none.
  subscript(stream: String) -> [UInt64]? {
    guard let slot = slots[stream], !lists[slot].isEmpty else { return nil }
    return lists[slot]
  }

  /// Appends a locator to a stream's list.
  mutating func append(_ locator: UInt64, to stream: String) {
    lists[slot(of: stream)].append(locator)
    count += 1
  }

  /// Removes the locator at `index` of a stream's list.
  mutating func remove(at index: Int, from stream: String) {
    guard let slot = slots[stream] else { return }
    lists[slot].remove(at: index)
    count -= 1
  }

  private mutating func slot(of stream: String) -> Int {
    if last >= 0, names[last] == stream { return last }
    if let known = slots[stream] {
      last = known
      return known
    }
    slots[stream] = names.count
    names.append(stream)
    lists.append([])
    last = names.count - 1
    return last
  }
}
