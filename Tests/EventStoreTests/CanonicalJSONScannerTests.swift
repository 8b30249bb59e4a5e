import Testing

@testable import EventStore

/// What the scanner makes of `text`: its canonical bytes, or nil when it gives up.
private func scanned(_ text: String) -> String? {
  let bytes = Array(text.utf8)
  return bytes.withUnsafeBufferPointer { buffer -> String? in
    var scanner = CanonicalJSONScanner(buffer)
    var out: [UInt8] = []
    scanner.skipWhitespace()
    guard scanner.value(into: &out) else { return nil }
    scanner.skipWhitespace()
    return scanner.atEnd ? String(decoding: out, as: UTF8.self) : nil
  }
}

/// What the tree parser and writer make of `text`, or nil when it is not JSON.
private func parsed(_ text: String) -> String? {
  (try? JSONParser.parse(bytes: Array(text.utf8)))?.serialized()
}

@Suite("Canonical JSON without a tree")
struct CanonicalJSONScannerTests {
  @Test(
    "the scanner writes exactly what the parser and writer write",
    arguments: [
      #"{"b":1,"a":[true,false,null],"c":{"z":"x","y":-0}}"#, #" { "a" : 1 , "b" : [ ] , "c" : { } } "#,
      #"[1.0,1.5,-2.50,1e3,1E-7,123456789012345,1234567890123456,0.1,-0,12e400]"#,
      #""\u00e9\n\t\r\b\f\/\\\" \ud83d\ude00 \u0000 \u001f""#, #""Trafford – “quoted”""#,
      #"{"aa":1,"a":2,"":3,"b":{"d":4,"c":[{"f":1,"e":2}]}}"#, #"1e15"#, #"999999999999999"#, #"-999999999999999"#,
      #"{"a":"x","a":"y"}"#, #"[1,]"#, #"{"a":1,}"#, #"01"#, #"-"#, #"1."#, #"1e"#, #""\x""#, #""\ud800""#,
      #""\udc00x""#, "\"tab\there\"", #"tru"#, #"nul"#, #"[1 2]"#, #"{"a" 1}"#, #"{1:2}"#, #""unterminated"#,
      "\"\u{7f}\"", #"[[[[[[[[[[]]]]]]]]]]"#, #"{"b":{"y":1,"x":2},"a":{"y":1,"x":2}}"#,
    ])
  func agreesWithTheParser(_ text: String) {
    let fast = scanned(text)
    if let fast { #expect(fast == parsed(text)) }
    if parsed(text) == nil { #expect(fast == nil) }
  }

  @Test("invalid UTF-8 in a string is refused, as the parser refuses it")
  func invalidUTF8() {
    for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
      let text = [UInt8(ascii: "\"")] + bad + [UInt8(ascii: "\"")]
      let fast = text.withUnsafeBufferPointer { buffer -> Bool in
        var scanner = CanonicalJSONScanner(buffer)
        var out: [UInt8] = []
        return scanner.value(into: &out)
      }
      #expect(!fast)
      #expect((try? JSONParser.parse(bytes: text)) == nil)
    }
  }

  @Test("nesting deeper than the parser allows is refused")
  func depth() {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(scanned(deep) == nil)
    #expect(scanned(allowed) == parsed(allowed))
  }

  @Test("random documents and their mutations: whatever the scanner accepts, the parser writes the same")
  func randomDocuments() {
    var random = SeededGenerator(seed: 16)
    for _ in 0..<3000 {
      let text = RandomJSON.text(&random, depth: 0)
      #expect(scanned(text) == parsed(text), "\(text)")
      var bytes = Array(text.utf8)
      let n = Int(random.next() % UInt64(bytes.count))
      bytes[n] = random.pick(Array(#"{}[]",:\ 0e.-u"#.utf8))
      let mutated = String(decoding: bytes, as: UTF8.self)
      if let fast = scanned(mutated) { #expect(fast == parsed(mutated), "\(mutated)") }
    }
  }
}

extension SeededGenerator {
  /// One of `options`, chosen by the next number.
  mutating func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }
}

/// Random JSON text: shuffled keys, white space, escapes and numbers in many spellings.
enum RandomJSON {
  static func text(_ r: inout SeededGenerator, depth: Int) -> String {
    switch r.next() % (depth > 3 ? 4 : 6) {
    case 0: return r.pick(["true", "false", "null"])
    case 1: return number(&r)
    case 2, 3: return string(&r)
    case 4:
      return "[" + (0..<Int(r.next() % 4)).map { _ in space(&r) + text(&r, depth: depth + 1) }.joined(separator: ",")
        + "]"
    default:
      let keys = Set((0..<Int(r.next() % 5)).map { _ in r.pick(["a", "b", "ab", "B", "", "value", "z9", "a b"]) })
      let members = keys.map { key in "\"\(key)\"" + space(&r) + ":" + space(&r) + text(&r, depth: depth + 1) }
      return "{" + space(&r) + members.joined(separator: "," + space(&r)) + space(&r) + "}"
    }
  }

  static func space(_ r: inout SeededGenerator) -> String { r.pick(["", "", " ", "\n", "\t "]) }

  static func number(_ r: inout SeededGenerator) -> String {
    r.pick([
      "0", "-0", "7", "-12", "16.8", "0.1", "1e2", "1E+2", "2.5e-3", "123456789012345", "1234567890123456",
      "-1.0", "100.00", "9007199254740993", "1e308", "4.9e-324", String(r.next() % 100_000),
    ])
  }

  static func string(_ r: inout SeededGenerator) -> String {
    "\""
      + (0..<Int(r.next() % 4)).map { _ in
        r.pick(["x", "é", "\\n", "\\\"", "\\\\", "\\u00e9", "\\/", "\\ud83d\\ude00", "\\u0001", "“", " "])
      }.joined() + "\""
  }
}
