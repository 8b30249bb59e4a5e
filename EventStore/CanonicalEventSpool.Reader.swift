#if canImport(Glibc)
  import Glibc
#endif

extension CanonicalEventSpool {
  /// Reads the events of a spool file back in order, through one buffer that grows only for an
  /// event larger than it.
  struct Reader {
    private let file: FileHandleFD
    private let size: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    /// The first unread byte in `buffer`.
    private var start = 0
    /// How many bytes of `buffer` hold data read from the file.
    private var filled = 0
    /// The next byte of the file to read.
    private var fileOffset = 0

    /// A reader of the first `size` bytes of `file`.
    init(file: FileHandleFD, size: Int) {
      self.file = file
      self.size = size
    }

    /// The next event, or nil after the last.
    ///
    /// - Throws: `StoreError` with code `.io` when the file cannot be read or is not a spool.
    mutating func next() throws(StoreError) -> CanonicalEvent? {
      if start == filled && fileOffset == size { return nil }
      guard try available(4) else { throw damaged }
      let length = buffer.withUnsafeBytes {
        Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
      }
      guard try available(4 + length) else { throw damaged }
      let event = buffer.withUnsafeBytes { raw in
        Reader.decode(UnsafeRawBufferPointer(rebasing: raw[(start + 4)..<(start + 4 + length)]))
      }
      guard let event else { throw damaged }
      start += 4 + length
      return event
    }

    private var damaged: StoreError {
      StoreError(.io, "the temporary copy of the batch in \(file.path) cannot be read back")
    }

    /// Whether `count` bytes from `start` are in the buffer, reading more of the file if needed.
    private mutating func available(_ count: Int) throws(StoreError) -> Bool {
      if filled - start >= count { return true }
      moveUnreadToFront()
      if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
      while filled < count && fileOffset < size {
        let wanted = min(buffer.count - filled, size - fileOffset)
        let n = try buffer.withUnsafeMutableBytes { raw in
          Result { () throws(StoreError) in
            try file.read(
              into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<(filled + wanted)]), at: fileOffset)
          }
        }.get()
        guard n > 0 else { throw damaged }
        filled += n
        fileOffset += n
      }
      return filled - start >= count
    }

    private mutating func moveUnreadToFront() {
      guard start > 0 else { return }
      let unread = filled - start
      buffer.withUnsafeMutableBytes { raw in _ = memmove(raw.baseAddress!, raw.baseAddress! + start, unread) }
      start = 0
      filled = unread
    }

    /// The event in one spooled record (without its length), or nil when it is not one.
    static func decode(_ record: UnsafeRawBufferPointer) -> CanonicalEvent? {
      var fields = Fields(record)
      guard let version = fields.integer(UInt64.self), let flag = fields.integer(UInt8.self), flag <= 1,
        let id = fields.string(), let type = fields.string(), let stream = fields.string()
      else { return nil }
      var valid: ValidTime? = nil
      if flag == 1 {
        guard let from = fields.string(), let to = fields.string() else { return nil }
        valid = ValidTime(from: from, to: to)
      }
      guard let data = fields.bytes(), let meta = fields.bytes(), fields.atEnd else { return nil }
      return CanonicalEvent(
        id: id, type: type, schemaVersion: Int(Int64(bitPattern: version)), stream: stream, valid: valid,
        data: CanonicalJSON(trusted: Array(data)), meta: CanonicalJSON(trusted: Array(meta)))
    }
  }
}

/// The fields of one spooled record, read in order.
private struct Fields {
  private let record: UnsafeRawBufferPointer
  private var offset = 0

  init(_ record: UnsafeRawBufferPointer) { self.record = record }

  var atEnd: Bool { offset == record.count }

  /// The next little-endian integer of type `T`.
  mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
    guard record.count - offset >= MemoryLayout<T>.size else { return nil }
    defer { offset += MemoryLayout<T>.size }
    return T(littleEndian: record.loadUnaligned(fromByteOffset: offset, as: T.self))
  }

  /// The next length-prefixed bytes.
  mutating func bytes() -> UnsafeRawBufferPointer? {
    guard let length = integer(UInt32.self).map(Int.init), record.count - offset >= length else { return nil }
    defer { offset += length }
    return UnsafeRawBufferPointer(rebasing: record[offset..<(offset + length)])
  }

  /// The next length-prefixed UTF-8 text.
  mutating func string() -> String? {
    bytes().map { String(decoding: $0, as: UTF8.self) }
  }
}
