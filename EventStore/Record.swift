/// A record as read from the log, without its payload decoded.
///
/// Header fields are parsed eagerly (they are small); `data` and `meta` stay as raw JSON bytes
/// until somebody asks for them, so a reader skips what nobody reads.
public struct Record: Sendable, Hashable {
  /// The gapless log position, from 1.
  public var position: Int
  public var id: String
  public var type: String
  public var schemaVersion: Int
  public var stream: String
  public var valid: ValidTime?
  /// When the store appended the record, UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
  public var recorded: String
  /// The position of the last record of this record's batch (the batch commits there).
  public var batchEnd: Int
  /// The canonical JSON bytes of the payload object.
  public var dataBytes: [UInt8]
  /// The canonical JSON bytes of the metadata object.
  public var metaBytes: [UInt8]
  /// This record's link in the hash chain, 64 lower-case hex digits.
  public var hash: String

  /// Decodes the payload.
  public func data() throws -> JSON { try JSONParser.parse(bytes: dataBytes) }

  /// Decodes the metadata.
  public func meta() throws -> JSON { try JSONParser.parse(bytes: metaBytes) }
}
