#if canImport(Glibc)
  import Glibc
#endif

/// The ledger's manifest, `ledger.json`.
struct Manifest: Equatable {
  var version: Int
  var segmentBytes: Int

  var json: JSON {
    [
      "format": .string(LedgerLayout.formatName), "version": .number(Double(version)),
      "segment_bytes": .number(Double(segmentBytes)),
    ]
  }

  /// Reads and checks the manifest; a newer format version is refused with a clear message.
  static func read(_ layout: LedgerLayout) throws(StoreError) -> Manifest {
    guard FileSystem.exists(layout.manifestPath) else {
      throw StoreError(
        .notFound, "\(layout.directory) is not a ledger (no ledger.json)",
        hint: "create one with 'journey append --ledger \(layout.directory)' or check the path",
        file: layout.manifestPath)
    }
    let bytes = try FileSystem.readAll(layout.manifestPath)
    guard let json = try? JSONParser.parse(bytes: bytes), json["format"]?.stringValue == LedgerLayout.formatName,
      let version = json["version"]?.intValue, let segmentBytes = json["segment_bytes"]?.intValue,
      segmentBytes >= 1024
    else {
      throw StoreError(
        .unsupportedFormat, "\(layout.manifestPath) is not a JourneyLedger manifest", file: layout.manifestPath)
    }
    guard version <= LedgerLayout.formatVersion else {
      throw StoreError(
        .unsupportedFormat,
        "\(layout.directory) uses ledger format version \(version); this journey reads versions up to \(LedgerLayout.formatVersion)",
        hint: "upgrade journey to read this ledger", file: layout.manifestPath)
    }
    return Manifest(version: version, segmentBytes: segmentBytes)
  }

  /// Creates the directory tree and manifest of a new ledger, durably.
  static func create(_ layout: LedgerLayout, segmentBytes: Int) throws(StoreError) -> Manifest {
    let manifest = Manifest(version: LedgerLayout.formatVersion, segmentBytes: segmentBytes)
    try FileSystem.makeDirectory(layout.directory)
    try FileSystem.makeDirectory(layout.segmentsPath)
    try FileSystem.makeDirectory(layout.indexDirectory)
    try FileSystem.syncDirectory(layout.directory)
    var bytes = Array(manifest.json.serialized().utf8)
    bytes.append(0x0A)
    try FileSystem.writeAtomically(bytes, to: layout.manifestPath, directory: layout.directory)
    return manifest
  }
}
