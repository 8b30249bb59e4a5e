import EventStore
import Foundation

/// What a running command can use: the console, standard input and the environment.
public struct CommandContext {
  /// Where output, messages and errors go.
  public var console: Console
  /// Reads the next chunk of standard input; an empty array at the end.
  public var readStandardInput: () -> [UInt8]
  /// The directory relative paths (files, `--ledger`) are resolved against.
  public var currentDirectory: String

  /// A context reading standard input with `readStandardInput`.
  public init(console: Console, readStandardInput: @escaping () -> [UInt8], currentDirectory: String) {
    self.console = console
    self.readStandardInput = readStandardInput
    self.currentDirectory = currentDirectory
  }

  /// The process's environment (`JOURNEY_LEDGER`, `NO_COLOR`, `SOURCE_DATE_EPOCH`).
  public var environment: [String: String] { console.environment }
}
