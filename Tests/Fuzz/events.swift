import Foundation

// Fuzz target: domain event validation (import lines), with the authority list from the repository.
let fuzzRegistry = AuthorityRegistry(
  csv: (try? String(
    contentsOfFile: ProcessInfo.processInfo.environment["JOURNEY_AUTHORITIES"] ?? "Sources/Resources/authorities.csv",
    encoding: .utf8)) ?? "")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvents(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let json = try? JSONParser.parse(bytes: bytes) else { return 0 }
  if let event = try? EventLine.parse(json, line: 1, registry: fuzzRegistry) {
    _ = event.newEvent
    _ = try? Upcaster.upcast(type: event.type, version: 1, data: event.data)
  }
  return 0
}
