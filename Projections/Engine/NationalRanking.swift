/// Which figures a ranking across authorities reads.
public enum RankingSource: String, Sendable, Equatable, CaseIterable {
  /// DfE's national statistics (one row per authority per year).
  case dfe
  /// The councils' own figures: local management information and figures given to Ofsted.
  case local

  /// The `source_kind`s of workforce figures this source takes.
  public var sourceKinds: Set<String> {
    switch self {
    case .dfe: ["dfe_statistics"]
    case .local: ["local_mi", "figure_given_to_ofsted"]
    }
  }
}

/// What to rank: a measure, from a source, on a date.
public struct RankingQuery: Sendable, Equatable {
  /// A workforce measure (`agency_rate`) or an overall audit measure (`percent_good_or_better`).
  public var measure: String
  public var source: RankingSource
  public var date: String
  /// Keep only authorities whose value rose this many readings running (like-for-like readings).
  public var rising: Int?

  public init(measure: String, source: RankingSource, date: String, rising: Int? = nil) {
    (self.measure, self.source, self.date, self.rising) = (measure, source, date, rising)
  }

  /// The audit measures a ranking can read (theme `all_audits`).
  public static let auditMeasures: Set<String> = [
    "percent_good_or_better", "percent_requires_improvement_or_better", "percent_inadequate",
  ]
}

/// One authority's place in a ranking: its latest reading and the ones before it of the same
/// series and kind of period.
public struct RankedAuthority: Sendable, Equatable {
  public var stream: String
  public var rank: Int
  public var series: String
  /// Its readings of that series and kind of period, oldest first; the last is the one ranked.
  public var readings: [MeasurePoint]
  public var latest: MeasurePoint { readings.last! }
  /// The change from the reading before, to one decimal.
  public var change: Double? {
    guard readings.count > 1, let a = readings[readings.count - 2].value, let b = latest.value else { return nil }
    return ((b - a) * 10).rounded() / 10
  }
}

/// Authorities whose latest readings describe one kind of period, ranked highest value first.
public struct RankingGroup: Sendable, Equatable {
  /// The kind of period of the group's readings, in words: `financial year`, or `snapshot (as
  /// at a day or for a month)`.
  public var periodKind: String
  public var entries: [RankedAuthority]

  /// The group of a kind of period: a figure as at a day and one for a month are both snapshots
  /// of a rate or caseload and rank together; any other kind ranks only with its own.
  public static func label(_ kind: PeriodKind) -> String {
    kind == .day || kind == .month ? "snapshot (as at a day or for a month)" : kind.description
  }
}

/// Ranks authorities by a measure, comparing like with like.
///
/// Rules (docs/PROJECTIONS.md): only figures of the chosen source (DfE statistics, or the
/// councils' own); a value with a qualifier ("over 40%") is ranked at its stated number and shown
/// with its qualifier; each authority's latest reading by the date counts; authorities whose latest
/// readings describe different kinds of period (a month, a financial year) are ranked in separate
/// groups, never against each other (a figure as at a day and one for a month are both snapshots
/// and rank together); highest value first, ties by stream.
public enum NationalRanking {
  /// The ranking groups of `query` over `streams` in `facts`, largest group first.
  public static func rank(_ facts: FactSet, streams: [String], _ query: RankingQuery) -> [RankingGroup] {
    var latest: [RankedAuthority] = []
    for stream in streams {
      guard let entry = latestReadings(facts, stream: stream, query) else { continue }
      if let rising = query.rising, !risesRunning(entry.readings.compactMap(\.value), times: rising) { continue }
      latest.append(entry)
    }
    let groups = Dictionary(grouping: latest, by: { RankingGroup.label($0.latest.periodKind) })
    return groups.map { kind, entries in
      let sorted = entries.sorted { ($0.latest.value!, $1.stream) > ($1.latest.value!, $0.stream) }
      return RankingGroup(
        periodKind: kind,
        entries: sorted.enumerated().map { i, e in
          var ranked = e
          ranked.rank = i + 1
          return ranked
        })
    }.sorted { ($0.entries.count, $1.periodKind) > ($1.entries.count, $0.periodKind) }
  }

  /// Whether a series key is one the query reads.
  public static func matches(_ key: String, _ query: RankingQuery) -> Bool {
    let parts = key.split(separator: "/").map(String.init)
    if RankingQuery.auditMeasures.contains(query.measure) {
      return query.source == .local && parts.count == 3 && parts[0] == "audit"
        && Readiness.overallAuditThemes.contains(parts[1]) && parts[2] == query.measure
    }
    return parts.count >= 3 && parts[0] == "workforce" && parts[1] == query.measure
      && query.source.sourceKinds.contains(parts[2])
      && !parts.contains("headcount")
  }

  /// The authority's latest reading by the date, with the earlier ones of the same series and
  /// kind of period.
  static func latestReadings(_ facts: FactSet, stream: String, _ query: RankingQuery) -> RankedAuthority? {
    let series = MeasureSeries.series(facts, stream: stream, asOf: query.date).filter { matches($0.key, query) }
    let candidates = series.compactMap { key, points -> (String, [MeasurePoint])? in
      let known = points.filter { $0.value != nil }
      return known.isEmpty ? nil : (key, known)
    }
    guard let (key, points) = candidates.max(by: { ($0.1.last!.to, $1.0) < ($1.1.last!.to, $0.0) }) else { return nil }
    let kind = points.last!.periodKind
    return RankedAuthority(stream: stream, rank: 0, series: key, readings: points.filter { $0.periodKind == kind })
  }

  /// Whether the last `times` changes between successive values were all rises.
  public static func risesRunning(_ values: [Double], times: Int) -> Bool {
    guard values.count > times else { return false }
    let tail = Array(values.suffix(times + 1))
    return zip(tail, tail.dropFirst()).allSatisfy { $0 < $1 }
  }
}

/// England's figure beside an authority's: the same series, for the same period.
public enum EnglandBenchmark {
  /// England's point for the same series and period, else its latest of the same kind of period
  /// ending by then; never one of another kind of period.
  public static func match(_ point: MeasurePoint, in england: [String: [MeasurePoint]]) -> MeasurePoint? {
    let candidates = (england[point.series] ?? []).filter { $0.periodKind == point.periodKind }
    return candidates.last { $0.from == point.from && $0.to == point.to } ?? candidates.last { $0.to <= point.to }
  }
}
