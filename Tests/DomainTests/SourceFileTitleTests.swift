import Testing

@testable import JourneyDomain

/// The titles imported rows cite their public data files by.
@Suite("SourceFileTitle: a readable title from a data file's name")
struct SourceFileTitleTests {
  @Test("a CSWW file's title gives the years its name covers")
  func csww() {
    #expect(
      SourceFileTitle.csww(fileName: "csww_indicators_2017_to_2023.csv")
        == "DfE, Children's social work workforce statistics, 2017 to 2023")
    #expect(
      SourceFileTitle.csww(fileName: "csww_indicators_2017_to_2025.csv")
        == "DfE, Children's social work workforce statistics, 2017 to 2025")
    #expect(SourceFileTitle.csww(fileName: "stdin") == "DfE, Children's social work workforce statistics")
  }

  @Test("an Ofsted history file's title names the region or England its name ends with")
  func ilacs() {
    let base = "Ofsted, children's social care inspection outcomes"
    #expect(SourceFileTitle.ilacs(fileName: "ofsted_csc_ilacs_history_north_west.csv") == base + " (North West)")
    #expect(
      SourceFileTitle.ilacs(fileName: "ofsted_csc_ilacs_history_yorkshire_and_the_humber.csv")
        == base + " (Yorkshire and the Humber)")
    #expect(
      SourceFileTitle.ilacs(fileName: "ofsted_ilacs_history_england_constructed.csv")
        == base + " (England, constructed example)")
    #expect(SourceFileTitle.ilacs(fileName: "ofsted_csc_ilacs_history.csv") == base)
    #expect(SourceFileTitle.ilacs(fileName: "stdin") == base)
  }
}
