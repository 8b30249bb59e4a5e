import EventStore
import Foundation

/// One CSV record and the line it starts on (a quoted field can span lines).
public struct CSVRow: Sendable, Equatable {
  public var line: Int
  public var fields: [String]
}

/// A streaming RFC 4180 reader over UTF-8 bytes: quoted fields with commas, doubled quotes and
/// line breaks; CRLF or LF; an optional byte-order mark; memory bounded by the chunk size and the
/// longest field, whatever the file size.
public struct CSVReader {
  /// The longest field accepted; longer input is an error, not an allocation.
  public var maximumFieldBytes = 1 << 20
  /// The most fields a row may have.
  public var maximumFields = 10_000
  /// Whether an empty line (a trailing blank line, say) is passed over instead of read as a row
  /// of one empty field.
  public var skipsBlankLines = false

  private let source: ByteSource
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false
  private var line = 1
  private var started = false
  /// The bytes of the field being read, kept between fields so a field costs no allocation.
  private var fieldBytes: [UInt8] = []
  /// The width of the last row read, reserved for the next one.
  private var lastWidth = 0

  /// Reads the file at `path` in chunks of `chunkSize` bytes.
  ///
  /// - Throws: `CSVError` when `path` cannot be opened or is a directory.
  public init(path: String, chunkSize: Int = 1 << 16) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw CSVError(line: 0, column: 0, message: "\(path) is a directory, not a CSV file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CSVError(line: 0, column: 0, message: "cannot open \(path)")
    }
    source = .file(handle, chunkSize)
  }

  /// Reads from bytes in memory, handing them out `chunkSize` at a time (tests use tiny chunks).
  public init(bytes: [UInt8], chunkSize: Int = 1 << 16) {
    source = .memory(Box(bytes), chunkSize)
  }

  final class Box {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
  }

  enum ByteSource {
    case file(FileHandle, Int)
    case memory(Box, Int)

    /// The next chunk; empty at the end.
    ///
    /// A read error is thrown, never a trap.
    func next(line: Int) throws(CSVError) -> [UInt8] {
      switch self {
      case .file(let handle, let size):
        do { return Array(try handle.read(upToCount: size) ?? Data()) } catch {
          throw CSVError(line: line, column: 0, message: "cannot read the file: \(error.localizedDescription)")
        }
      case .memory(let box, let size):
        let end = min(box.bytes.count, box.offset + size)
        defer { box.offset = end }
        return Array(box.bytes[box.offset..<end])
      }
    }
  }

  /// The next byte, refilling the buffer as needed; nil at the end of input.
  private mutating func peek() throws(CSVError) -> UInt8? {
    if position < buffer.count { return buffer[position] }
    guard !atEnd else { return nil }
    buffer = try source.next(line: line)
    position = 0
    if buffer.isEmpty {
      atEnd = true
      return nil
    }
    return buffer[0]
  }

  private mutating func skipByteOrderMark() throws(CSVError) {
    started = true
    var marker: [UInt8] = []
    while marker.count < 3, let b = try peek(), b == [0xEF, 0xBB, 0xBF][marker.count] {
      marker.append(b)
      position += 1
    }
    if marker.count != 3 && !marker.isEmpty {
      // Not a whole byte-order mark: put the bytes back in front of what is left.
      buffer = marker + buffer[min(position, buffer.count)...]
      position = 0
    }
  }

  /// The next row, or nil at the end of input.
  ///
  /// - Throws: `CSVError` for a quote inside an unquoted field, text after a closing quote, an
  ///   unterminated quoted field, invalid UTF-8, or a field or row over the limits.
  public mutating func next() throws(CSVError) -> CSVRow? {
    while let row = try nextRecord() {
      if !(skipsBlankLines && row.fields == [""]) { return row }
    }
    return nil
  }

  /// The next record, blank or not.
  private mutating func nextRecord() throws(CSVError) -> CSVRow? {
    if !started { try skipByteOrderMark() }
    guard try peek() != nil else { return nil }
    let rowLine = line
    var fields: [String] = []
    fields.reserveCapacity(lastWidth)
    while true {
      let (field, ended) = try readField(rowLine: rowLine, column: fields.count + 1)
      fields.append(field)
      guard fields.count <= maximumFields else {
        throw CSVError(line: rowLine, column: fields.count, message: "more than \(maximumFields) fields in a row")
      }
      if ended {
        lastWidth = fields.count
        return CSVRow(line: rowLine, fields: fields)
      }
    }
  }

  /// Reads one field; `ended` is true when it ended the row.
  private mutating func readField(rowLine: Int, column: Int) throws(CSVError) -> (String, Bool) {
    var bytes: [UInt8] = []
    swap(&bytes, &fieldBytes)
    defer {
      bytes.removeAll(keepingCapacity: true)
      swap(&bytes, &fieldBytes)
    }
    var quoted = false
    if try peek() == UInt8(ascii: "\"") {
      quoted = true
      position += 1
      try readQuoted(into: &bytes, rowLine: rowLine, column: column)
    }
    while let b = try peek() {
      switch b {
      case UInt8(ascii: ","):
        position += 1
        return (try text(bytes, column: column), false)
      case 0x0A:
        let field = try text(bytes, column: column)
        position += 1
        line += 1
        return (field, true)
      case 0x0D:
        let field = try text(bytes, column: column)
        position += 1
        if try peek() == 0x0A { position += 1 }
        line += 1
        return (field, true)
      case UInt8(ascii: "\""):
        throw CSVError(
          line: line, column: column,
          message: quoted
            ? "unexpected text after a closing quote"
            : "quote inside an unquoted field; quote the whole field and double the quote")
      default:
        if quoted { throw CSVError(line: line, column: column, message: "unexpected text after a closing quote") }
        bytes.append(b)
        position += 1
        guard bytes.count <= maximumFieldBytes else {
          throw CSVError(line: line, column: column, message: "field longer than \(maximumFieldBytes) bytes")
        }
      }
    }
    return (try text(bytes, column: column), true)  // last row without a newline
  }

  private mutating func readQuoted(into bytes: inout [UInt8], rowLine: Int, column: Int) throws(CSVError) {
    let startLine = line
    while let b = try peek() {
      position += 1
      if b == UInt8(ascii: "\"") {
        guard try peek() == UInt8(ascii: "\"") else { return }  // closing quote
        position += 1
      }
      if b == 0x0A { line += 1 }
      bytes.append(b)
      guard bytes.count <= maximumFieldBytes else {
        throw CSVError(line: startLine, column: column, message: "field longer than \(maximumFieldBytes) bytes")
      }
    }
    throw CSVError(
      line: startLine, column: column, message: "quoted field starting on line \(startLine) is never closed")
  }

  private func text(_ bytes: [UInt8], column: Int) throws(CSVError) -> String {
    guard let s = UTF8Text.string(bytes) else {
      throw CSVError(line: line, column: column, message: "invalid UTF-8")
    }
    return s
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs; cheap when there are none, as in
  /// almost every CSV cell.
  var trimmingSpaces: String {
    let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
    guard let first = utf8.first, let last = utf8.last, blank(first) || blank(last) else { return self }
    let bytes = Array(utf8)
    let start = bytes.firstIndex { !blank($0) } ?? bytes.count
    let end = (bytes.lastIndex { !blank($0) } ?? -1) + 1
    return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
  }
}
