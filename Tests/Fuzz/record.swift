// Fuzz target: the record reader (record layout scanner, JSON parser, hash check).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  if let view = RecordView.parse(bytes) {
    let record = view.record()
    _ = try? record.data()
    _ = try? record.meta()
    _ = HashChain.matches(HashChain.link(previous: HashChain.genesis, record: view), hex: view.hashHex)
    _ = view.valid
  }
  _ = try? JSONParser.parse(bytes: bytes)
  return 0
}
