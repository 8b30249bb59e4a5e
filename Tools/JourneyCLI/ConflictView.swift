import EventStore
import Foundation
import JourneyDomain
import Projections

/// Conflicts between sources, with both sources shown.
enum ConflictView {
  static func table(_ conflicts: [Disagreement], facts: FactSet) -> Table {
    var rows: [[String]] = []
    for d in conflicts {
      let shown = facts.chosen(in: d)
      for id in d.events {
        guard let fact = facts.claim(id: id) else { continue }
        rows.append([
          d.topic, id == shown ? "shown" : "kept", id, Citation.short(fact.citation), "“" + (fact.quote ?? "") + "”",
        ])
      }
    }
    return Table(
      title: "Conflicts between sources", columns: ["Topic", "View", "Claim", "Source", "Quote"], rows: rows,
      notes: conflicts.map { "\($0.topic): \($0.rule)" })
  }
}
