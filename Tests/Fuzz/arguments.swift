// Fuzz target: hand-written argument parsing (NUL-separated arguments).
let fuzzOptions = [
  OptionSpec("ledger", value: "DIR", help: ""), OptionSpec("as-of", value: "DATE", help: ""),
  OptionSpec("json", help: ""),
  OptionSpec("type", value: "T", help: "", repeatable: true),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let args = UnsafeBufferPointer(start: data, count: size).split(separator: 0, omittingEmptySubsequences: false)
    .map { String(decoding: $0, as: UTF8.self) }
  if let parsed = try? ArgumentParser.parse(args, options: fuzzOptions, command: "state") {
    _ = try? parsed.integer("as-of", in: 0...100)
  }
  _ = Suggestions.nearest(to: args.first ?? "", in: ["state", "history", "timeline"])
  return 0
}
