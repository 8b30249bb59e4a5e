// Fuzz target: the CSV reader, with a tiny chunk size so chunk boundaries fall everywhere.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for chunk in [1, 3, 4096] {
    var reader = CSVReader(bytes: bytes, chunkSize: chunk)
    reader.maximumFieldBytes = 4096
    reader.maximumFields = 64
    var rows = 0
    while rows < 10_000, let row = try? reader.next() {
      _ = row.fields.count
      rows += 1
    }
  }
  return 0
}
