import EventStore
import Foundation
import JourneyDomain

/// Reads a whole input file or stdin, as UTF-8.
enum InputFile {
  static let maximumBytes = 256 << 20

  static func read(_ operand: String, context: CommandContext) throws(CLIError) -> (String, String) {
    let bytes: [UInt8]
    let name: String
    if operand == "-" {
      name = "stdin"
      bytes = try BoundedInput.read(context.readStandardInput, name: name)
    } else {
      let path = LedgerLocation.absolute(operand, context)
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw .failure(
          "cannot read \(operand)",
          hint: FileManager.default.fileExists(atPath: path) ? "check its permissions" : "no such file")
      }
      name = operand
      bytes = try BoundedInput.read({ Array(handle.readData(ofLength: 1 << 20)) }, name: name)
    }
    guard let text = UTF8Text.string(bytes) else {
      let line = bytes.prefix { $0 != 0 }.filter { $0 == 0x0A }.count + 1
      throw .failure("\(name) is not valid UTF-8 (first bad byte near line \(line))")
    }
    if let nul = text.utf8.firstIndex(of: 0) {
      throw .failure("\(name) line \(text.utf8[..<nul].filter { $0 == 0x0A }.count + 1) contains a NUL byte")
    }
    return (text, name)
  }
}
