import EventStore
import Foundation

/// Projection states cached on disk, so a repeated query replays only the new tail.
///
/// A checkpoint file is one header line of JSON (projection, version, filter, position, the hash
/// of the record at that position, a 64-bit checksum of the state) followed by the state. It is used
/// only when all of these still hold: same projection name and version, same filter, a position
/// within the log, the log's record at that position has the stored hash (so a different or
/// rewritten log is never served from an old cache), the segment files have not been written to
/// since, other than by appends to the last one (`SegmentStamp`: a damaged or edited log is read
/// again, and the read then refuses it), and the state bytes match their checksum (`Checksum64`,
/// so a damaged file is never trusted). Otherwise the engine replays from the start and writes a
/// fresh checkpoint. Files are written to a temporary name and renamed, so concurrent readers
/// never see or leave a half-written checkpoint.
struct CheckpointStore {
  let directory: String
  /// The most checkpoint files kept; the least recently written are removed beyond this.
  static let maximumFiles = 64

  init(ledger: String) { directory = ledger + "/checkpoints" }

  /// The file for a projection under a filter.
  func path(for runner: any AnyProjectionRunner, filter: ReplayFilter) -> String {
    var hasher = SHA256()
    hasher.update(Array("\(runner.name)@\(runner.version)|\(filter.key)".utf8))
    let digest = HashChain.hexString(hasher.finalize().bytes)
    return directory + "/\(runner.name)@\(runner.version)-\(digest.prefix(16)).checkpoint"
  }

  /// Restores a runner from its checkpoint if the checkpoint is valid for this log, whose segment
  /// files are now as `stamps` says.
  func restore(
    _ runner: any AnyProjectionRunner, filter: ReplayFilter, reader: LedgerReader, stamps now: [SegmentStamp]
  ) throws {
    let path = path(for: runner, filter: filter)
    guard let data = FileManager.default.contents(atPath: path), let newline = data.firstIndex(of: 0x0A) else { return }
    let header = try JSONParser.parse(bytes: Array(data[..<newline]))
    let state = data[(newline + 1)...]
    guard header["projection"]?.stringValue == runner.name, header["version"]?.intValue == runner.version,
      header["filter"]?.stringValue == filter.key, let position = header["position"]?.intValue,
      position >= 0, position <= reader.head.position,
      header["state_checksum64"]?.stringValue == CheckpointStore.checksum(state),
      let stamps = header["segments"]?.stringValue.flatMap(CheckpointStore.stamps(from:)),
      SegmentStamp.stillHold(stamps, now: now)
    else { return }
    if position > 0 {
      guard let record = try reader.record(at: position), record.hash == header["hash"]?.stringValue else { return }
    }
    try runner.restore(state: Data(state), position: position)
  }

  /// Writes a runner's state as the checkpoint at `head`, with the segment files' `stamps`.
  func save(_ runner: any AnyProjectionRunner, filter: ReplayFilter, head: LedgerHead, stamps: [SegmentStamp]) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let state = try runner.encodeState()
    let header: JSON = [
      "projection": .string(runner.name), "version": .number(Double(runner.version)), "filter": .string(filter.key),
      "position": .number(Double(head.position)), "hash": .string(head.hash),
      "state_checksum64": .string(CheckpointStore.checksum(state)),
      "segments": .string(CheckpointStore.text(of: stamps)),
    ]
    var bytes = Data(header.serialized().utf8)
    bytes.append(0x0A)
    bytes.append(state)
    let path = path(for: runner, filter: filter)
    let temporary = path + ".tmp.\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max))"
    guard FileManager.default.createFile(atPath: temporary, contents: bytes) else { return }
    if rename(temporary, path) != 0 { unlink(temporary) }
    prune()
  }

  /// Segment stamps as `name:bytes:modified` joined by `;`.
  static func text(of stamps: [SegmentStamp]) -> String {
    stamps.map { "\($0.name):\($0.bytes):\($0.modified)" }.joined(separator: ";")
  }

  /// The stamps in `text`, or nil when it is malformed.
  static func stamps(from text: String) -> [SegmentStamp]? {
    var stamps: [SegmentStamp] = []
    for item in text.split(separator: ";") {
      let parts = item.split(separator: ":")
      guard parts.count == 3, let bytes = Int(parts[1]), let modified = Int(parts[2]) else { return nil }
      stamps.append(SegmentStamp(name: String(parts[0]), bytes: bytes, modified: modified))
    }
    return stamps
  }

  static func checksum(_ bytes: Data) -> String { bytes.withUnsafeBytes { Checksum64.hex($0) } }

  /// Keeps the newest `maximumFiles` checkpoints.
  private func prune() {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory), names.count > CheckpointStore.maximumFiles else {
      return
    }
    let dated = names.filter { $0.hasSuffix(".checkpoint") }.map { name -> (String, Date) in
      let date = (try? fm.attributesOfItem(atPath: directory + "/" + name)[.modificationDate] as? Date) ?? .distantPast
      return (name, date)
    }
    for (name, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(CheckpointStore.maximumFiles) {
      try? fm.removeItem(atPath: directory + "/" + name)
    }
  }
}
