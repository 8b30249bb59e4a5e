/// An open-addressing table from id hashes to record locators, 16 bytes a slot.
///
/// Several locators may share a hash (ids whose hashes collide, or one record noted twice):
/// `candidates(of:)` gives them all, and the caller confirms the id by reading the record.
struct IDTable {
  private var hashes: [UInt64]
  private var locators: [UInt64]
  private(set) var count = 0

  init() {
    hashes = [UInt64](repeating: 0, count: 1024)
    locators = [UInt64](repeating: 0, count: 1024)
  }

  /// Slot 0 of `hashes` means empty, so a hash of 0 is stored as 1 (candidates are confirmed).
  private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

  /// The first slot to probe: the key's bits mixed (Fibonacci hashing), since ids that differ
  /// only in their last digits give FNV hashes whose low bits cluster.
  private func home(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (hashes.count - 1)
  }

  /// Notes that the record at `locator` has an id with this hash.
  mutating func insert(_ hash: UInt64, _ locator: UInt64) {
    if (count + 1) * 4 > hashes.count * 3 { grow() }
    let key = IDTable.key(hash)
    let mask = hashes.count - 1
    var slot = home(key)
    while hashes[slot] != 0 { slot = (slot + 1) & mask }
    hashes[slot] = key
    locators[slot] = locator
    count += 1
  }

  /// The locators noted with this hash, each once.
  func candidates(of hash: UInt64) -> [UInt64] {
    let key = IDTable.key(hash)
    let mask = hashes.count - 1
    var slot = home(key)
    var found: [UInt64] = []
    while hashes[slot] != 0 {
      if hashes[slot] == key, !found.contains(locators[slot]) { found.append(locators[slot]) }
      slot = (slot + 1) & mask
    }
    return found
  }

  private mutating func grow() {
    let (oldHashes, oldLocators) = (hashes, locators)
    hashes = [UInt64](repeating: 0, count: oldHashes.count * 2)
    locators = [UInt64](repeating: 0, count: oldHashes.count * 2)
    count = 0
    for (hash, locator) in zip(oldHashes, oldLocators) where hash != 0 { insert(hash, locator) }
  }
}
