import EventStore

/// One value cell of the workforce file: a figure, or a DfE code saying why there is none.
enum CSWWFigure: Equatable {
  case number(Double)
  /// A number whose text is already in canonical form (`CSWWFactWriter.isCanonicalNumber`).
  case canonical(String)
  /// A DfE missing-value code (`c`, `x`, `z`, …) and its meaning.
  case missing(code: String, reason: String)

  /// The payload value: the number for `value`, or `{"code", "reason"}` for `not_available`.
  var json: JSON {
    switch self {
    case .number(let n): .number(n)
    case .canonical(let text): .number(Double(text)!)
    case .missing(let code, let reason): ["code": .string(code), "reason": .string(reason)]
    }
  }
}
