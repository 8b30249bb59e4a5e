import EventStore

/// Writes the CSWW importer's workforce facts as canonical event bytes, without `JSON` trees.
///
/// The bytes are those `CanonicalEvent(event.newEvent)` gives for the `DomainEvent` that
/// `CSWWImporter` builds for the same cell (the tests compare both for every kind of cell): the
/// payload's and the metadata's keys in canonical (byte) order, each column's fixed parts written
/// once here, and only the authority, period, scope, figure, line and quote written per event.
struct CSWWFactWriter {
  /// The fixed parts of one value column's events.
  struct ColumnBytes {
    /// `{"basis":"fte","measure":"inpost",` (no basis for a count).
    var dataHead: [UInt8]
    /// `"source_kind":"dfe_statistics","unit":"fte"`.
    var dataTail: [UInt8]
    /// `,"reported":"…","source":{"column":"…","file":"…","kind":"dfe_statistics","lines":"`.
    var sourceHead: [UInt8]
  }

  /// The dates of one census year: the period texts (quoted) and valid times of stocks and flows.
  struct YearTime {
    var stockPeriod: [UInt8]
    var flowPeriod: [UInt8]
    var stock: ValidTime
    var flow: ValidTime
  }

  /// The fixed parts of each of `CSWWImporter.columns`, in the same order.
  let columns: [ColumnBytes]
  /// The end of each column's fact ids: its name, and its name with `:joint`.
  let idSuffixes: [(own: [UInt8], joint: [UInt8])] = CSWWImporter.columns.map {
    (Array($0.name.utf8), Array(($0.name + ":joint").utf8))
  }
  /// `,"release":"…","title":"…"}}`: the end of every event's metadata.
  let metaTail: [UInt8]
  /// The catalogue's schema version of `workforce_figure`, as `DomainEvent.newEvent` gives it.
  let schemaVersion = (try? EventCatalogue.spec("workforce_figure").version) ?? 1

  init(fileName: String, title: String, releasedISO: String) {
    columns = CSWWImporter.columns.map { column in
      CSWWFactWriter.columnBytes(column, fileName: fileName, releasedISO: releasedISO)
    }
    var tail = Array(#","release":"#.utf8)
    JSON.writeString(releasedISO, into: &tail)
    tail += Array(#","title":"#.utf8)
    JSON.writeString(title, into: &tail)
    tail += Array("}}".utf8)
    metaTail = tail
  }

  private static func columnBytes(_ column: CSWWImporter.Column, fileName: String, releasedISO: String) -> ColumnBytes {
    var head = Array("{".utf8)
    if let basis = column.basis { head += field("basis", basis) + Array(",".utf8) }
    head += field("measure", column.measure) + Array(",".utf8)
    let tail = field("source_kind", "dfe_statistics") + Array(",".utf8) + field("unit", column.unit)
    var source = Array(",".utf8) + field("reported", releasedISO) + Array(#","source":{"#.utf8)
    source += field("column", column.name) + Array(",".utf8) + field("file", fileName) + Array(",".utf8)
    source += field("kind", "dfe_statistics") + Array(#","lines":""#.utf8)
    return ColumnBytes(dataHead: head, dataTail: tail, sourceHead: source)
  }

  /// `"key":"value"`, the value escaped.
  private static func field(_ key: String, _ value: String) -> [UInt8] {
    var out: [UInt8] = []
    JSON.writeString(key, into: &out)
    out.append(UInt8(ascii: ":"))
    JSON.writeString(value, into: &out)
    return out
  }

  /// The periods and valid times of census year `year` (already checked to be supported).
  static func yearTime(_ year: Int) -> YearTime {
    let census = try! Day(year: year, month: 9, day: 30).iso
    let start = try! Day(year: year - 1, month: 10, day: 1).iso
    var stock: [UInt8] = []
    JSON.writeString("as at " + census, into: &stock)
    var flow: [UInt8] = []
    JSON.writeString(start + ".." + census, into: &flow)
    return YearTime(
      stockPeriod: stock, flowPeriod: flow, stock: ValidTime(from: census, to: census),
      flow: ValidTime(from: start, to: census))
  }

  /// What a row's events for one authority share: the start of the metadata, the scope member
  /// of the payload (empty without a scope) and the start of the ids.
  struct TargetBytes {
    /// `{"authority":"…"`.
    var authorityHead: [UInt8]
    /// `"scope":"…",`, or nothing.
    var scope: [UInt8]
    /// `csww:STREAM:YEAR:`.
    var idPrefix: [UInt8]
  }

  /// The parts shared by the events of `authority` (with `scope`) in a row of census year `year`.
  static func target(_ authority: Authority, scope: String?, year: Int) -> TargetBytes {
    var head = Bytes.authorityKey
    JSON.writeString(authority.name, into: &head)
    var scoped: [UInt8] = []
    if let scope {
      scoped += Bytes.scopeKey
      JSON.writeString(scope, into: &scoped)
      scoped.append(UInt8(ascii: ","))
    }
    return TargetBytes(authorityHead: head, scope: scoped, idPrefix: idPrefix(stream: authority.stream, year: year))
  }

  /// The JSON fragments written between the variable parts.
  enum Bytes {
    static let authorityKey = Array(#"{"authority":"#.utf8)
    static let scopeKey = Array(#""scope":"#.utf8)
    static let notAvailableKey = Array(#""not_available":{"code":"#.utf8)
    static let reasonKey = Array(#","reason":"#.utf8)
    static let periodKey = Array(#""period":"#.utf8)
    static let valueKey = Array(#","value":"#.utf8)
    static let quoteKey = Array(#"","quote":"#.utf8)
  }

  /// The event of one cell.
  ///
  /// - Parameters:
  ///   - column: the index of the cell's column in `CSWWImporter.columns`.
  ///   - line: the decimal digits of the row's line.
  ///   - raw: the cell as the file has it (the quote).
  func event(
    id: String, stream: String, target: TargetBytes, time: YearTime, column: Int, figure: CSWWFigure, line: [UInt8],
    raw: String
  ) -> CanonicalEvent {
    let flow = CSWWImporter.columns[column].flow
    return CanonicalEvent(
      id: id, type: "workforce_figure", schemaVersion: schemaVersion, stream: stream,
      valid: flow ? time.flow : time.stock,
      data: CanonicalJSON(
        uncheckedCanonical: data(column, period: flow ? time.flowPeriod : time.stockPeriod, target.scope, figure)),
      meta: CanonicalJSON(uncheckedCanonical: meta(column, target: target, line: line, raw: raw)))
  }

  /// `{"basis":…,"measure":…,["not_available":{…},]"period":…,["scope":…,]"source_kind":…,"unit":…[,"value":…]}`.
  func data(_ column: Int, period: [UInt8], _ scope: [UInt8], _ figure: CSWWFigure) -> [UInt8] {
    let fixed = columns[column]
    var out: [UInt8] = []
    out.reserveCapacity(fixed.dataHead.count + fixed.dataTail.count + period.count + scope.count + 128)
    out += fixed.dataHead
    if case .missing(let code, let reason) = figure {
      out += Bytes.notAvailableKey
      JSON.writeString(code, into: &out)
      out += Bytes.reasonKey
      JSON.writeString(reason, into: &out)
      out.append(UInt8(ascii: "}"))
      out.append(UInt8(ascii: ","))
    }
    out += Bytes.periodKey
    out += period
    out.append(UInt8(ascii: ","))
    out += scope
    out += fixed.dataTail
    switch figure {
    case .number(let n):
      out += Bytes.valueKey
      JSON.number(n).write(into: &out)
    case .canonical(var text):
      out += Bytes.valueKey
      text.withUTF8 { out.append(contentsOf: $0) }
    case .missing: break
    }
    out.append(UInt8(ascii: "}"))
    return out
  }

  /// `{"authority":…,"reported":…,"source":{"column":…,"file":…,"kind":…,"lines":…,"quote":…,"release":…,"title":…}}`.
  func meta(_ column: Int, target: TargetBytes, line: [UInt8], raw: String) -> [UInt8] {
    let fixed = columns[column]
    var out: [UInt8] = []
    out.reserveCapacity(
      target.authorityHead.count + fixed.sourceHead.count + line.count + raw.utf8.count + metaTail.count + 16)
    out += target.authorityHead
    out += fixed.sourceHead
    out += line
    out += Bytes.quoteKey
    JSON.writeString(raw, into: &out)
    out += metaTail
    return out
  }

  /// `csww:STREAM:YEAR:`, the start of the ids of a row's facts for one authority.
  static func idPrefix(stream: String, year: Int) -> [UInt8] {
    var out = Array("csww:".utf8)
    out += stream.utf8
    out.append(UInt8(ascii: ":"))
    writeDecimal(year, into: &out)
    out.append(UInt8(ascii: ":"))
    return out
  }

  /// The id of a fact: `prefix` (`idPrefix`) and the column's suffix, built in one allocation.
  func id(prefix: [UInt8], column: Int, joint: Bool) -> String {
    let suffix = joint ? idSuffixes[column].joint : idSuffixes[column].own
    return String(unsafeUninitializedCapacity: prefix.count + suffix.count) { buffer in
      _ = buffer.initialize(fromContentsOf: prefix)
      _ = buffer[prefix.count...].initialize(fromContentsOf: suffix)
      return prefix.count + suffix.count
    }
  }

  /// Whether `text` is a number in the form `JSON.write(into:)` writes for its value, between
  /// 0.001 and 1e9: up to nine integer digits without a leading zero (or `0`), and an optional
  /// fraction not ending in `0`, with at most 15 significant digits in all.
  ///
  /// Such a text is the shortest that reads back as its `Double` (decimals of up to 15 significant
  /// digits are distinct doubles), and Swift writes numbers in this range without an exponent, so
  /// the cell can be copied as it is (the tests compare with `JSON.write` over many values).
  static func isCanonicalNumber(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { isCanonicalNumber($0) }
  }

  static func isCanonicalNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    var i = 0
    while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    let integerDigits = i
    guard (1...9).contains(integerDigits), integerDigits == 1 || bytes[0] != UInt8(ascii: "0") else { return false }
    if i == bytes.count { return true }
    guard bytes[i] == UInt8(ascii: "."), i + 1 < bytes.count, bytes[bytes.count - 1] != UInt8(ascii: "0") else {
      return false
    }
    i += 1
    let fractionStart = i
    while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    guard i == bytes.count else { return false }
    let zeroInteger = bytes[0] == UInt8(ascii: "0")
    var leadingZeros = 0
    if zeroInteger {
      while bytes[fractionStart + leadingZeros] == UInt8(ascii: "0") { leadingZeros += 1 }
      guard leadingZeros < 3 else { return false }  // under 0.001
    }
    let significant = (zeroInteger ? 0 : integerDigits) + (bytes.count - fractionStart) - leadingZeros
    return significant <= 15
  }

  /// Appends the decimal digits of `n` (not negative).
  static func writeDecimal(_ n: Int, into out: inout [UInt8]) {
    var divisor = 1
    while divisor <= n / 10 { divisor *= 10 }
    var rest = n
    while divisor > 0 {
      out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}
