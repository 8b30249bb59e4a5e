import EventStore
import Foundation

/// An error in CSV input, with the line and column (1-based field number) where it was found.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  /// The 1-based field number within the row.
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "line \(line), column \(column): \(message)" }
}
