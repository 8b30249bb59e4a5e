import EventStore
import Foundation

/// What a running command can use: the console, standard input and the environment.
public struct CommandContext {
  public var console: Console
  /// Reads the next chunk of standard input; an empty array at the end.
  public var readStandardInput: () -> [UInt8]
  public var currentDirectory: String

  public init(console: Console, readStandardInput: @escaping () -> [UInt8], currentDirectory: String) {
    self.console = console
    self.readStandardInput = readStandardInput
    self.currentDirectory = currentDirectory
  }

  public var environment: [String: String] { console.environment }
}
