import EventStore
import Foundation
import JourneyDomain

/// Reads input in chunks, refusing a line longer than a record may be (or input over 256 MiB)
/// as soon as it is seen, so hostile input cannot make `journey` hold it all.
enum BoundedInput {
  static let maximumLineBytes = 4 << 20

  static func read(_ next: () -> [UInt8], name: String) throws(CLIError) -> [UInt8] {
    var all: [UInt8] = []
    var lineStart = 0
    var line = 1
    while true {
      let chunk = next()
      if chunk.isEmpty { return all }
      for (i, byte) in chunk.enumerated() where byte == 0x0A {
        let end = all.count + i
        guard end - lineStart <= maximumLineBytes else { throw tooLong(name, line) }
        lineStart = end + 1
        line += 1
      }
      all.append(contentsOf: chunk)
      guard all.count - lineStart <= maximumLineBytes else { throw tooLong(name, line) }
      guard all.count <= InputFile.maximumBytes else {
        throw .failure("\(name) is larger than \(InputFile.maximumBytes >> 20) MiB")
      }
    }
  }

  static func tooLong(_ name: String, _ line: Int) -> CLIError {
    .failure(
      "\(name) line \(line) is longer than \(maximumLineBytes >> 20) MiB; nothing was appended",
      hint: "an event is at most 4 MiB; split or shorten the input")
  }
}
