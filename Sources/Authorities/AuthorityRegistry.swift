import Foundation

/// Every English authority, region and England, from the DfE workforce file
/// (`Resources/authorities.csv`, made by `make-authorities.py` from ../shared/data).
public struct AuthorityRegistry: Sendable {
  public let all: [Authority]
  private let byKey: [String: Authority]
  private let byDfENumber: [String: Authority]

  /// The registry shipped with the package.
  public static let shared: AuthorityRegistry = {
    guard let url = Bundle.module.url(forResource: "authorities", withExtension: "csv"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { fatalError("authorities.csv is missing from the JourneyDomain bundle") }
    return AuthorityRegistry(csv: text)
  }()

  /// Builds a registry from the CSV text of `authorities.csv`.
  ///
  /// Where two authorities share a name (Dorset County Council and Dorset Council are both
  /// `Dorset`), the name finds the current one; the former is found by its number, codes or variants.
  public init(csv: String) {
    let rows = csv.utf8.split(separator: 0x0A).dropFirst().map {
      AuthorityRegistry.fields(String(decoding: $0, as: UTF8.self))
    }
    all = rows.compactMap(AuthorityRegistry.authority)
    var keys: [String: Authority] = [:]
    for authority in all.filter(\.isCurrent) + all.filter({ !$0.isCurrent }) {
      for key in AuthorityRegistry.keys(of: authority) where keys[key] == nil { keys[key] = authority }
    }
    byKey = keys
    byDfENumber = Dictionary(all.map { ($0.dfeNumber, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Splits one CSV line (quotes only around names with commas).
  static func fields(_ line: String) -> [String] {
    var fields: [String] = []
    var current: [UInt8] = []
    var quoted = false
    for byte in line.utf8 {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if byte == UInt8(ascii: ","), !quoted {
        fields.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      } else {
        current.append(byte)
      }
    }
    fields.append(String(decoding: current, as: UTF8.self))
    return fields
  }

  private static func authority(_ f: [String]) -> Authority? {
    guard f.count == 13, let kind = Authority.Kind(rawValue: f[0]), let first = Int(f[7]), let last = Int(f[8]) else {
      return nil
    }
    let list = { (text: String) in text.split(separator: ";").map(String.init) }
    return Authority(
      kind: kind, dfeNumber: f[1], onsCodes: list(f[2]), name: f[3], regionCode: f[4],
      regionName: f[5], ofstedURN: f[6].isEmpty ? nil : f[6], years: first...last,
      successors: list(f[9]), variants: list(f[10]), validFrom: f[11].isEmpty ? nil : f[11],
      validTo: f[12].isEmpty ? nil : f[12])
  }

  /// The lookup keys of an authority: normalised name and variants, codes, number, URN, stream.
  private static func keys(of a: Authority) -> [String] {
    ([a.name] + a.variants).map(normalise)
      + [a.dfeNumber, a.ofstedURN ?? "", a.stream.lowercased()].filter { !$0.isEmpty }
      + a.onsCodes.map { $0.lowercased() }
  }

  /// The qualifiers the ONS puts after a comma (`Bristol, City of`), which other sources leave out.
  static let trailingQualifiers = [", city of", ", county of"]

  /// Lower case, `&` as `and`, no trailing `, City of` or `, County of`, no punctuation or spaces:
  /// `St. Helens` and `st helens` agree, as do `Bristol, City of` and `bristol`.
  static func normalise(_ text: String) -> String {
    var lower = text.lowercased().trimmingCharacters(in: .whitespaces)
    if let qualifier = trailingQualifiers.first(where: { lower.hasSuffix($0) }) { lower.removeLast(qualifier.count) }
    if lower.utf8.allSatisfy({ $0 < 0x80 }) {  // ASCII: no Unicode tables needed
      var out: [UInt8] = []
      for byte in lower.utf8 {
        if byte == UInt8(ascii: "&") {
          out.append(contentsOf: "and".utf8)
        } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        {
          out.append(byte)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
    return lower.replacingOccurrences(of: "&", with: "and").filter { $0.isLetter || $0.isNumber }
  }

  /// Finds an authority by name (any case), ONS code, DfE number, Ofsted URN or stream.
  ///
  /// - Throws: `DomainError` with the three nearest names when nothing matches.
  public func resolve(_ text: String) throws(DomainError) -> Authority {
    let key = text.trimmingCharacters(in: .whitespaces)
    if let found = byKey[key.lowercased()] ?? byKey[AuthorityRegistry.normalise(key)] { return found }
    let suggestions = nearest(to: key)
    throw DomainError(
      .unknownAuthority,
      "unknown authority '\(text)'"
        + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"),
      hint: "give a name (Trafford), an ONS code (E08000009) or a DfE number (358); 'journey authorities' lists them")
  }

  /// Finds an authority by name as `resolve` does, but as it was on `date` (ISO): where the
  /// name belongs to an authority created later in a reorganisation (Dorset Council, 2019), the
  /// predecessor of that name in force on `date` (Dorset County Council) is returned instead.
  ///
  /// - Throws: `DomainError` with the three nearest names when nothing matches.
  public func resolve(_ text: String, on date: String) throws(DomainError) -> Authority {
    let found = try resolve(text)
    guard let start = found.validFrom, date < start else { return found }
    let key = AuthorityRegistry.normalise(text)
    let predecessor = all.first { old in
      old.successors.contains(found.dfeNumber)
        && ([old.name] + old.variants).contains { AuthorityRegistry.normalise($0) == key }
    }
    return predecessor ?? found
  }

  /// The authorities whose name, variants, ONS codes, DfE number, Ofsted URN or stream contain
  /// `text` (any case; names also compared normalised), those starting with it first, then by name.
  public func search(_ text: String) -> [Authority] {
    let needle = text.lowercased().trimmingCharacters(in: .whitespaces)
    let normalised = AuthorityRegistry.normalise(needle)
    guard !needle.isEmpty else { return all }
    let ranked = all.compactMap { authority -> (Int, Authority)? in
      let fields = AuthorityRegistry.searchFields(of: authority)
      if fields.contains(where: {
        $0.hasPrefix(needle) || (!normalised.isEmpty && AuthorityRegistry.normalise($0).hasPrefix(normalised))
      }) {
        return (0, authority)
      }
      if fields.contains(where: {
        $0.contains(needle) || (!normalised.isEmpty && AuthorityRegistry.normalise($0).contains(normalised))
      }) {
        return (1, authority)
      }
      return nil
    }
    return ranked.sorted { ($0.0, $0.1.name, $0.1.dfeNumber) < ($1.0, $1.1.name, $1.1.dfeNumber) }.map(\.1)
  }

  /// The texts `search` looks in, lower case.
  private static func searchFields(of a: Authority) -> [String] {
    ([a.name, a.dfeNumber, a.ofstedURN ?? "", a.stream] + a.variants + a.onsCodes).filter { !$0.isEmpty }.map {
      $0.lowercased()
    }
  }

  /// The names nearest to `text` by edit distance.
  public func nearest(to text: String, limit: Int = 3) -> [String] {
    let target = Array(AuthorityRegistry.normalise(text))
    return all.map { ($0.name, AuthorityRegistry.distance(target, Array(AuthorityRegistry.normalise($0.name)))) }
      .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).filter { $0.1 <= max(3, target.count / 2) }.map(\.0)
  }

  /// The region of an authority, for benchmark series.
  public func region(of authority: Authority) -> Authority? {
    all.first { $0.kind == .region && $0.onsCodes.first == authority.regionCode }
  }

  /// England.
  public var england: Authority { all.first { $0.kind == .england }! }

  /// The authority with a stream id, if any.
  public func authority(stream: String) -> Authority? { byKey[stream.lowercased()] }

  /// The authority with DfE number `number` (`358`), if any.
  public func authority(dfeNumber number: String) -> Authority? { byDfENumber[number] }

  static func distance(_ a: [Character], _ b: [Character]) -> Int { EditDistance.between(a, b) }
}
