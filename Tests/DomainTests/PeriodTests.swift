import JourneyDomain
import Testing

@Suite("Periods keep their precision and map to valid-time intervals")
struct PeriodTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let text: String
    let canonical: String
    let from: String
    let to: String
    var testDescription: String { text }
  }

  static let valid = [
    Case(text: "2021-10-04", canonical: "2021-10-04", from: "2021-10-04", to: "2021-10-04"),
    Case(text: "2021-10", canonical: "2021-10", from: "2021-10-01", to: "2021-10-31"),
    Case(text: "2024-02", canonical: "2024-02", from: "2024-02-01", to: "2024-02-29"),
    Case(text: "2021", canonical: "2021", from: "2021-01-01", to: "2021-12-31"),
    Case(text: "2021-22 Q1", canonical: "2021-22 Q1", from: "2021-04-01", to: "2021-06-30"),
    Case(text: "2021-22 Q3", canonical: "2021-22 Q3", from: "2021-10-01", to: "2021-12-31"),
    Case(text: "2021-22 Q4", canonical: "2021-22 Q4", from: "2022-01-01", to: "2022-03-31"),
    Case(text: "2099-00 Q2", canonical: "2099-00 Q2", from: "2099-07-01", to: "2099-09-30"),
    Case(text: "2021-22", canonical: "2021-22", from: "2021-04-01", to: "2022-03-31"),
    Case(text: "2023/24", canonical: "2023/24", from: "2023-09-01", to: "2024-08-31"),
    Case(text: "as at 30 September 2023", canonical: "as at 2023-09-30", from: "2023-09-30", to: "2023-09-30"),
    Case(text: "as at 2023-09-30", canonical: "as at 2023-09-30", from: "2023-09-30", to: "2023-09-30"),
    Case(text: "2021-02-01..2021-05-31", canonical: "2021-02-01..2021-05-31", from: "2021-02-01", to: "2021-05-31"),
  ]

  @Test("parses, formats canonically, round-trips and maps to its interval", arguments: valid)
  func parses(_ c: Case) throws {
    let period = try Period(parsing: c.text)
    #expect(period.description == c.canonical)
    #expect(try Period(parsing: period.description) == period)
    #expect(period.interval.from.iso == c.from)
    #expect(period.interval.to.iso == c.to)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let text: String
    let message: String
    var code = DomainError.Code.invalidPeriod
    var testDescription: String { text }
  }

  static let invalid = [
    Bad(
      text: "2021-22 Q5", message: "invalid quarter '2021-22 Q5': quarters run Q1 (April–June) to Q4 (January–March)"),
    Bad(text: "2021-23", message: "invalid financial year '2021-23': 23 does not follow 2021 (expected 2021-22)"),
    Bad(
      text: "2021-02-31", message: "invalid date '2021-02-31': February 2021 has 28 days, not 31", code: .invalidDate),
    Bad(text: "2023/25", message: "invalid academic year '2023/25': 25 does not follow 2023 (expected 2023/24)"),
    Bad(text: "2021-05-31..2021-02-01", message: "invalid interval '2021-05-31..2021-02-01': it ends before it starts"),
    Bad(text: "99999-01-01", message: "invalid date '99999-01-01'; expected YYYY-MM-DD", code: .invalidDate),
    Bad(text: "2021-13", message: "invalid financial year '2021-13': 13 does not follow 2021 (expected 2021-22)"),
    Bad(
      text: "as at 31 June 2023", message: "invalid date '31 June 2023': June 2023 has 30 days, not 31",
      code: .invalidDate),
    Bad(text: "2100-01 Q4", message: "invalid financial year '2100-01': years must lie within 1900–2100"),
    Bad(text: "2100/01", message: "invalid academic year '2100/01': years must lie within 1900–2100"),
    Bad(
      text: "3000",
      message:
        "invalid period '3000'; expected a date (2021-10-04), month (2021-10), year (2021), financial year (2021-22), quarter (2021-22 Q3), academic year (2023/24), census date (as at 2023-09-30) or interval (2021-02-01..2021-05-31)"
    ),
  ]

  @Test("nonsense is rejected with a clear message", arguments: invalid)
  func rejects(_ c: Bad) {
    #expect(throws: DomainError(c.code, c.message)) { try Period(parsing: c.text) }
  }

  @Test("leap years")
  func leapYears() throws {
    #expect(try Day(iso: "2024-02-29").iso == "2024-02-29")
    #expect(throws: DomainError.self) { try Day(iso: "2023-02-29") }
    #expect(throws: DomainError.self) { try Day(iso: "2100-02-29") }
    #expect(try Day(iso: "2000-02-29").iso == "2000-02-29")
  }
}

@Suite("Authorities come from the DfE and Ofsted files and resolve by name, code or number")
struct AuthorityTests {
  struct Lookup: Sendable, CustomTestStringConvertible {
    let input: String
    let name: String
    var testDescription: String { input }
  }

  @Test(
    "resolves",
    arguments: [
      Lookup(input: "Trafford", name: "Trafford"), Lookup(input: "TRAFFORD", name: "Trafford"),
      Lookup(input: "E08000009", name: "Trafford"), Lookup(input: "e08000009", name: "Trafford"),
      Lookup(input: "358", name: "Trafford"),
      Lookup(input: "80573", name: "Trafford"), Lookup(input: "la:351", name: "Bury"),
      Lookup(input: "St Helens", name: "St. Helens"),
      Lookup(input: "Kingston upon Hull, City of", name: "Kingston upon Hull, City of"),
      Lookup(input: "909", name: "Cumbria"),
      Lookup(input: "England", name: "England"), Lookup(input: "North West", name: "North West"),
    ])
  func resolves(_ c: Lookup) throws {
    #expect(try AuthorityRegistry.shared.resolve(c.input).name == c.name)
  }

  @Test("streams and regions")
  func streams() throws {
    let trafford = try AuthorityRegistry.shared.resolve("Trafford")
    #expect(trafford.stream == "la:358")
    #expect(trafford.onsCodes == ["E08000009"])
    #expect(AuthorityRegistry.shared.region(of: trafford)?.stream == "region:E12000002")
    #expect(try AuthorityRegistry.shared.resolve("Cumbria").successors == ["942", "943"])
  }

  @Test("an unknown name suggests the nearest")
  func suggestions() {
    #expect(
      throws: DomainError(
        .unknownAuthority, "unknown authority 'Traford'; did you mean Trafford, Bradford, Bedford?",
        hint: "give a name (Trafford), an ONS code (E08000009) or a DfE number (358); 'journey authorities' lists them")
    ) {
      try AuthorityRegistry.shared.resolve("Traford")
    }
  }

  @Test("every English authority of the DfE file is there")
  func count() {
    let las = AuthorityRegistry.shared.all.filter { $0.kind == .localAuthority }
    #expect(las.count >= 155)
    #expect(AuthorityRegistry.shared.all.filter { $0.kind == .region }.count == 11)
  }
}
