import EventStore

/// How the built-in projections show themselves in `journey view`: one row per fact or reading.
extension JudgementHistory: ShownProjection {
  public static let columns = ["fieldwork_start", "fieldwork_end", "published", "type", "area", "grade", "source"]

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.inspections(stream: stream).filter { $0.fieldworkStart <= date }.flatMap { inspection in
      let common: [JSON] = [
        .string(inspection.fieldworkStart), .string(inspection.fieldworkEnd),
        inspection.published.map(JSON.string) ?? .null, .string(inspection.inspectionType),
      ]
      let source = JSON.string(inspection.citations.joined(separator: "; "))
      guard inspection.isGraded else { return [common + [.null, .null, source]] }
      return inspection.entries.map { area, entry in common + [.string(area), .string(entry.text), source] }
    }
  }
}

extension VisitTimeline: ShownProjection {
  public static let columns = ["date", "end", "type", "title", "reported", "source"]

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.entries(stream: stream, asOf: date).map { e in
      [
        .string(e.date), e.end.map(JSON.string) ?? .null, .string(e.type), .string(e.title),
        e.reported.map(JSON.string) ?? .null, .string(e.citation),
      ]
    }
  }
}

extension WorkforceStability: ShownProjection {
  public static let columns = ["period", "source_kind", "index", "agency_rate", "turnover_rate", "vacancy_rate"]

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.stabilityIndex(stream: stream, asOf: date).map { p in
      [.string(p.period), .string(p.sourceKind), .number(p.index)]
        + ["agency_rate", "turnover_rate", "vacancy_rate"].map { p.components[$0].map(JSON.number) ?? .null }
    }
  }
}

extension AuditQuality: ShownProjection {
  public static let columns = MeasurePoint.columns

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.results(stream: stream, asOf: date).map(\.cells)
  }
}

extension AllMeasures: ShownProjection {
  public static let columns = MeasurePoint.columns

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    MeasureSeries.series(state.facts, stream: stream, asOf: date).values.flatMap { $0 }
      .sorted { ($0.series, $0.to, $0.id) < ($1.series, $1.to, $1.id) }.map(\.cells)
  }
}

extension Readiness: ShownProjection {
  public static let columns = ["component", "weight", "value", "why"]

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.score(stream: stream, on: date).components.map { c in
      [.string(c.name), .number(c.weight), c.value.map(JSON.number) ?? .null, .string(c.explanation)]
    }
  }
}

extension Evidence: ShownProjection {
  public static let columns = ["id", "type", "valid_from", "valid_to", "reported", "source", "quote"]

  public func rows(_ state: State, stream: String, on date: String) -> [[JSON]] {
    state.facts.current(stream: stream).filter { ($0.valid?.from ?? "") <= date }.map { f in
      let provenance = f.provenance
      return [
        .string(f.id), .string(f.type), f.valid.map { JSON.string($0.from) } ?? .null,
        f.valid.map { JSON.string($0.to) } ?? .null, f.reported.map(JSON.string) ?? .null,
        .string(provenance.citation), provenance.quote.map(JSON.string) ?? .null,
      ]
    }
  }
}

extension MeasurePoint {
  /// The columns of `cells`, shared by the views that show measure points.
  public static let columns = ["series", "period", "value", "value_high", "qualifier", "unit", "shown_as", "source"]

  /// The point as the cells of a view row: numbers stay numbers, the qualifier its own cell.
  public var cells: [JSON] {
    [
      .string(series), .string(period), value.map(JSON.number) ?? .null, valueHigh.map(JSON.number) ?? .null,
      qualifier.map(JSON.string) ?? .null, .string(unit), .string(displayWithChange), .string(citation),
    ]
  }
}
