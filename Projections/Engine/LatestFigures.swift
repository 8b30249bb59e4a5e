/// An authority's latest reading of one series, with England's beside it.
public struct LatestFigure: Sendable, Equatable {
  public var series: String
  public var point: MeasurePoint
  /// England's reading of the same series and kind of period (`EnglandBenchmark.match`).
  public var england: MeasurePoint?
}

/// The latest reading of every series of an authority on a date (`journey state`).
public enum LatestFigures {
  /// Per series of `stream` visible on `asOf`, the latest reading, with England's beside it.
  ///
  /// The latest reading with a value, else the latest (a figure the source says is not
  /// available); England's comes from `englandStream`.
  public static func latest(_ facts: FactSet, stream: String, englandStream: String, asOf: String) -> [LatestFigure] {
    let series = MeasureSeries.series(facts, stream: stream, asOf: asOf)
    let england = MeasureSeries.series(facts, stream: englandStream, asOf: asOf)
    return series.keys.sorted().compactMap { key in
      guard let last = series[key]?.last(where: { $0.value != nil }) ?? series[key]?.last else { return nil }
      return LatestFigure(series: key, point: last, england: EnglandBenchmark.match(last, in: england))
    }
  }
}
