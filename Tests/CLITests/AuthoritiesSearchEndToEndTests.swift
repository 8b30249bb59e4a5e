import Foundation
import Testing

/// `journey authorities --search TEXT`, run as a user would.
@Suite("Searching the authority registry, end to end")
struct AuthoritiesSearchEndToEndTests {
  struct Search: Sendable, CustomTestStringConvertible {
    let text: String
    /// DfE numbers of the local authorities expected, in order, at the head of the result.
    let first: [String]
    /// DfE numbers that must be somewhere in the result.
    let includes: [String]
    var testDescription: String { text }
  }

  @Test(
    "matches names, variants, old and new ONS codes, DfE numbers and URNs; prefix matches first",
    arguments: [
      Search(
        text: "north", first: ["812", "813", "940", "802", "392", "815", "928", "929"], includes: ["800", "941"]),
      Search(text: "HULL", first: ["810"], includes: []),
      Search(text: "durham", first: ["840"], includes: []),
      Search(text: "E08000016", first: ["370"], includes: []),
      Search(text: "e08000038", first: ["370"], includes: []),
      Search(text: "E10000023", first: ["815"], includes: []),
      Search(text: "80441", first: ["801"], includes: []),
      Search(text: "2733690", first: ["942"], includes: []),
      Search(text: "northampton", first: ["928", "940", "941"], includes: []),
      Search(text: "st helens", first: ["342"], includes: []),
      Search(text: "bournemouth", first: ["837", "839"], includes: []),
      Search(text: "upon", first: [], includes: ["810", "314", "318", "391"]),
    ])
  func search(_ s: Search) throws {
    let result = try JourneyProcess.run(["authorities", "--search", s.text, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let numbers = list.filter { $0["kind"] as? String == "la" }.compactMap { $0["dfe_number"] as? String }
    #expect(Array(numbers.prefix(s.first.count)) == s.first, "\(numbers)")
    for number in s.includes { #expect(numbers.contains(number), "\(number) in \(numbers)") }
  }

  @Test("the table shows former authorities with their end date and successors")
  func table() throws {
    let result = try JourneyProcess.run(["authorities", "--search", "cumbria"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Cumbria"))
    #expect(result.stdout.contains("2017–2022 → 942, 943"))
    #expect(result.stdout.contains("Cumbria (909): until 2023-03-31"))
  }

  @Test("no match is an error with suggestions; NAME and --search together is misuse")
  func errors() throws {
    let none = try JourneyProcess.run(["authorities", "--search", "Traford"])
    #expect(none.status == 1)
    #expect(
      none.stderr.contains("error: no authority's name or code contains 'Traford'; did you mean Trafford"),
      "\(none.stderr)")
    let both = try JourneyProcess.run(["authorities", "Trafford", "--search", "north"])
    #expect(both.status == 64)
  }
}
