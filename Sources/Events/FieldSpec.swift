import EventStore
import Foundation

/// One field of an event type's payload.
public struct FieldSpec: Sendable {
  public var name: String
  public var kind: FieldKind
  public var required: Bool
  public var doc: String

  public init(_ name: String, _ kind: FieldKind, required: Bool = true, _ doc: String = "") {
    self.name = name
    self.kind = kind
    self.required = required
    self.doc = doc
  }
}
