import EventStore
import Foundation
import JourneyDomain
import Projections

/// The views `state` and `report` need, replayed in one pass.
struct AuthorityViews {
  var judgements: JudgementHistory.State
  var timeline: VisitTimeline.State
  var workforce: WorkforceStability.State
  var audits: AuditQuality.State
  var readiness: Readiness.State
  var evidence: Evidence.State
  var measures: AllMeasures.State

  /// Replays every view under the query's filters in one pass over the log.
  ///
  /// Two projections hold them all: readiness (judgements, timeline, workforce, audits) and
  /// evidence (every fact, of which the measures are a part), so a warm query loads two
  /// checkpoints.
  init(_ query: QueryContext) throws {
    let r = ProjectionRunner(Readiness())
    let e = ProjectionRunner(Evidence())
    try query.engine.run([r, e], filter: query.filter)
    readiness = r.state
    judgements = r.state.judgements
    timeline = r.state.timeline
    workforce = r.state.workforce
    audits = r.state.audits
    evidence = e.state
    measures = AllMeasures.State(facts: e.state.facts)
  }
}
