import EventStore
import Testing

@Suite("Canonical JSON")
struct JSONTests {
  @Test(
    "object keys are written in UTF-8 byte order, whatever their script or length",
    arguments: [
      (["b", "a"], #"{"a":1,"b":0}"#),
      (["aa", "a", ""], #"{"":2,"a":1,"aa":0}"#),
      (["é", "z", "Z", "e"], #"{"Z":2,"e":3,"z":1,"é":0}"#),
      (["résumé", "resume", "r\u{E9}sum\u{E9}2"], #"{"resume":1,"résumé":0,"résumé2":2}"#),
    ])
  func keyOrder(_ c: ([String], String)) {
    let object = JSON.object(Dictionary(uniqueKeysWithValues: c.0.enumerated().map { ($1, JSON.number(Double($0))) }))
    #expect(object.serialized() == c.1)
  }

  @Test(
    "strings escape quotes, backslashes and control characters and copy everything else",
    arguments: [
      ("plain", #""plain""#), ("say \"hi\"", #""say \"hi\"""#), ("a\\b", #""a\\b""#),
      ("line\nbreak\t", #""line\nbreak\t""#),
      ("\u{01}", #""\u0001""#), ("Trafford – “quoted” ‏", "\"Trafford – “quoted” ‏\""),
    ])
  func strings(_ c: (String, String)) {
    #expect(JSON.string(c.0).serialized() == c.1)
  }
}

@Test(
  "UTF-8 text: ASCII and valid multi-byte text decode, invalid bytes are refused",
  arguments: [
    ([UInt8](), ""), (Array("Trafford".utf8), "Trafford"), (Array("Ofsted – “good”".utf8), "Ofsted – “good”"),
    ([0xC3, 0x28], nil), ([0xED, 0xA0, 0x80], nil), ([0x61, 0xFF], nil), ([0xF0, 0x9F, 0x98], nil),
  ] as [([UInt8], String?)])
func utf8Text(_ c: ([UInt8], String?)) {
  #expect(c.0.withUnsafeBufferPointer { UTF8Text.string($0) } == c.1)
  #expect(UTF8Text.string(c.0[...]) == c.1)
}
