// Fuzz target: the period and date parsers; whatever parses must round-trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPeriod(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let period = try? Period(parsing: text) {
    let again = try? Period(parsing: period.description)
    if again != period { fatalError("round trip failed: \(text) -> \(period.description)") }
    let interval = period.interval
    if interval.from > interval.to { fatalError("interval ends before it starts: \(text)") }
  }
  _ = try? Day(iso: text)
  _ = try? Day(words: text)
  return 0
}
