import EventStore
import Testing

@Suite("Canonical JSON")
struct JSONTests {
  @Test("object keys are written in UTF-8 byte order, whatever their script or length", arguments: [
    (["b", "a"], #"{"a":1,"b":0}"#),
    (["aa", "a", ""], #"{"":2,"a":1,"aa":0}"#),
    (["é", "z", "Z", "e"], #"{"Z":2,"e":3,"z":1,"é":0}"#),
    (["résumé", "resume", "r\u{E9}sum\u{E9}2"], #"{"resume":1,"résumé":0,"résumé2":2}"#),
  ])
  func keyOrder(_ c: ([String], String)) {
    let object = JSON.object(Dictionary(uniqueKeysWithValues: c.0.enumerated().map { ($1, JSON.number(Double($0))) }))
    #expect(object.serialized() == c.1)
  }

  @Test("strings escape quotes, backslashes and control characters and copy everything else", arguments: [
    ("plain", #""plain""#), ("say \"hi\"", #""say \"hi\"""#), ("a\\b", #""a\\b""#), ("line\nbreak\t", #""line\nbreak\t""#),
    ("\u{01}", #""\u0001""#), ("Trafford – “quoted” ‏", "\"Trafford – “quoted” ‏\""),
  ])
  func strings(_ c: (String, String)) {
    #expect(JSON.string(c.0).serialized() == c.1)
  }
}
