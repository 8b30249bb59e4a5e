/// A judgement area whose grade in force differs between two dates.
public struct GradeChange: Sendable, Equatable {
  public var area: String
  /// The grade in force on the earlier date, nil when none was.
  public var from: String?
  /// The grade in force on the later date, nil when none is.
  public var to: String?

  public init(area: String, from: String?, to: String?) { (self.area, self.from, self.to) = (area, from, to) }
}

/// A series whose latest reading differs between two dates.
public struct FigureChange: Sendable, Equatable {
  public var series: String
  /// The latest reading visible on the earlier date, nil when there was none.
  public var from: MeasurePoint?
  /// The latest reading visible on the later date.
  public var to: MeasurePoint
}

/// What changed for an authority between two dates (`journey diff`).
///
/// Grades: the areas whose grade in force differs (areas in either map). Figures: the series
/// whose latest visible reading (`MeasureSeries.isVisible`) is another reading on the later date.
public enum ChangesBetween {
  /// The areas whose grade in force on `from` differs from the one on `to`, in area order.
  public static func grades(_ history: JudgementHistory.State, stream: String, from: String, to: String)
    -> [GradeChange]
  {
    let before = history.inForce(stream: stream, on: from)?.inspection.judgements ?? [:]
    let after = history.inForce(stream: stream, on: to)?.inspection.judgements ?? [:]
    return Set(before.keys).union(after.keys).sorted().compactMap { area in
      before[area] == after[area] ? nil : GradeChange(area: area, from: before[area], to: after[area])
    }
  }

  /// The series whose latest reading on `to` is not the one on `from`, in series order.
  public static func figures(_ facts: FactSet, stream: String, from: String, to: String) -> [FigureChange] {
    let atFrom = MeasureSeries.series(facts, stream: stream, asOf: from)
    let atTo = MeasureSeries.series(facts, stream: stream, asOf: to)
    return atTo.keys.sorted().compactMap { key in
      guard let latest = atTo[key]?.last, atFrom[key]?.last?.id != latest.id else { return nil }
      return FigureChange(series: key, from: atFrom[key]?.last, to: latest)
    }
  }
}
