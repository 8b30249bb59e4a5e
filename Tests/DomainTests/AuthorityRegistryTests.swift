import JourneyDomain
import Testing

/// The registry finds every English authority under the names and codes sources use.
@Suite("Authority registry: names, codes, reorganisations")
struct AuthorityRegistryTests {
  struct Lookup: Sendable, CustomTestStringConvertible {
    let input: String
    let dfeNumber: String
    var date: String? = nil
    var testDescription: String { input + (date.map { " on \($0)" } ?? "") }
  }

  @Test(
    "Ofsted's lower-case, qualifier-free names, the ONS names, variants and codes",
    arguments: [
      Lookup(input: "bristol", dfeNumber: "801"), Lookup(input: "Bristol, City of", dfeNumber: "801"),
      Lookup(input: "durham", dfeNumber: "840"), Lookup(input: "County Durham", dfeNumber: "840"),
      Lookup(input: "herefordshire", dfeNumber: "884"), Lookup(input: "Herefordshire, County of", dfeNumber: "884"),
      Lookup(input: "kingston upon hull", dfeNumber: "810"),
      Lookup(input: "Kingston upon Hull, City of", dfeNumber: "810"),
      Lookup(input: "Kingston Upon Hull, City of", dfeNumber: "810"), Lookup(input: "hull", dfeNumber: "810"),
      Lookup(input: "city of london", dfeNumber: "201"), Lookup(input: "brighton and hove", dfeNumber: "846"),
      Lookup(input: "Brighton & Hove", dfeNumber: "846"), Lookup(input: "st helens", dfeNumber: "342"),
      Lookup(input: "St. Helens", dfeNumber: "342"), Lookup(input: "cumberland", dfeNumber: "942"),
      Lookup(input: "westmorland and furness", dfeNumber: "943"), Lookup(input: "dorset", dfeNumber: "838"),
      Lookup(input: "dorset", dfeNumber: "835", date: "2018-06-01"),
      Lookup(input: "dorset", dfeNumber: "838", date: "2019-04-01"),
      Lookup(input: "Dorset County Council", dfeNumber: "835"),
      Lookup(input: "bournemouth, christchurch & poole", dfeNumber: "839"),
      Lookup(input: "BCP", dfeNumber: "839"), Lookup(input: "Bournemouth", dfeNumber: "837"),
      Lookup(input: "Northamptonshire", dfeNumber: "928"), Lookup(input: "north northamptonshire", dfeNumber: "940"),
      Lookup(input: "Cumbria", dfeNumber: "909"), Lookup(input: "E08000016", dfeNumber: "370"),
      Lookup(input: "E08000038", dfeNumber: "370"),
      Lookup(input: "E10000002", dfeNumber: "825"), Lookup(input: "E06000060", dfeNumber: "825"),
      Lookup(input: "80441", dfeNumber: "801"),
      Lookup(input: "135513", dfeNumber: "909"), Lookup(input: "2637548", dfeNumber: "941"),
    ])
  func resolves(_ c: Lookup) throws {
    let found =
      try c.date.map { try AuthorityRegistry.shared.resolve(c.input, on: $0) }
      ?? AuthorityRegistry.shared.resolve(c.input)
    #expect(found.dfeNumber == c.dfeNumber)
  }

  @Test(
    "matching is exact after normalisation, never fuzzy",
    arguments: ["bristl", "durhams", "hull city", "westmorland", "kingston"])
  func exact(_ text: String) {
    #expect(throws: DomainError.self) { try AuthorityRegistry.shared.resolve(text) }
  }

  @Test("no name or variant of one current authority is another current authority's")
  func unambiguous() {
    var owner: [String: String] = [:]
    for a in AuthorityRegistry.shared.all where a.kind == .localAuthority && a.isCurrent {
      for name in [a.name] + a.variants {
        let key = name.lowercased().filter { $0.isLetter }
        #expect(owner[key] == nil || owner[key] == a.dfeNumber, "\(name)")
        owner[key] = a.dfeNumber
      }
    }
  }

  @Test("reorganisations: dates, successors and Ofsted URNs")
  func reorganisations() throws {
    let r = AuthorityRegistry.shared
    for (old, successors, end) in [
      ("928", ["940", "941"], "2021-03-31"), ("909", ["942", "943"], "2023-03-31"),
      ("835", ["839", "838"], "2019-03-31"),
    ] {
      let a = try #require(r.authority(dfeNumber: old))
      #expect(a.successors == successors)
      #expect(a.validTo == end)
      #expect(!a.isCurrent)
      for next in successors { #expect(r.authority(dfeNumber: next)?.validFrom != nil) }
    }
    let withoutURN = r.all.filter { $0.kind == .localAuthority && $0.ofstedURN == nil }.map(\.dfeNumber)
    #expect(withoutURN == ["835", "837"], "only the two documented in AUTHORITIES.md")
    #expect(r.authority(dfeNumber: "909")?.ofstedURN == "135513")
  }

  @Test("search: substring and prefix over names, variants and codes, any case")
  func search() {
    let r = AuthorityRegistry.shared
    #expect(r.search("hull").first?.dfeNumber == "810")
    #expect(r.search("E08000038").map(\.dfeNumber) == ["370"])
    #expect(r.search("bournemouth").map(\.dfeNumber) == ["837", "839"])
    #expect(r.search("zzz").isEmpty)
    #expect(r.search("UPON").count >= 4)
  }
}
