import EventStore
import Foundation
import JourneyDomain
import Projections

/// JSON for facts and views, shared by the query commands.
enum ViewJSON {
  static func string(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

  static func number(_ n: Double?) -> JSON { n.map(JSON.number) ?? .null }

  static func source(_ citation: String, quote: String?, title: String? = nil) -> JSON {
    ["citation": .string(citation), "title": string(title), "quote": string(quote)]
  }

  static func point(_ p: MeasurePoint) -> JSON {
    [
      "id": .string(p.id), "series": .string(p.series), "period": .string(p.period), "from": .string(p.from),
      "to": .string(p.to), "value": number(p.value), "unit": .string(p.unit), "qualifier": string(p.qualifier),
      "not_available": string(p.notAvailable), "display": .string(p.display),
      "change": p.change.map(JSON.string) ?? .null, "n": p.n.map { .number(Double($0)) } ?? .null,
      "derived": .bool(p.derived), "reported": string(p.reported), "source": source(p.citation, quote: p.quote),
      "conflicts": .array(p.conflicts.map(JSON.string)), "corrections": .array(p.corrections.map(JSON.string)),
    ]
  }

  static func inspection(_ i: InspectionView) -> JSON {
    [
      "id": .string(i.id), "inspection_type": .string(i.inspectionType), "fieldwork_start": .string(i.fieldworkStart),
      "fieldwork_end": .string(i.fieldworkEnd), "published": string(i.published),
      "judgements": .object(i.judgements.mapValues(JSON.string)), "judgements_absent": HistoryCommand.absentJSON(i),
      "period_basis": .string(i.periodFromPublication ? "publication" : "fieldwork"),
      "evidence": .array(i.evidence.map(JSON.string)),
      "sources": .array(i.citations.map(JSON.string)),
    ]
  }

  static func entry(_ e: TimelineEntry) -> JSON {
    [
      "id": .string(e.id), "type": .string(e.type), "date": .string(e.date), "end": string(e.end),
      "title": .string(e.title),
      "details": .array(e.details.map(JSON.string)), "reported": string(e.reported),
      "source": source(e.citation, quote: e.quote, title: e.sourceTitle),
      "conflicts": .array(e.conflicts.map(JSON.string)),
    ]
  }

  static func disagreement(_ d: Disagreement, facts: FactSet) -> JSON {
    [
      "id": .string(d.id), "topic": .string(d.topic), "shown": string(facts.chosen(in: d)), "rule": .string(d.rule),
      "claims": .array(
        d.events.compactMap { facts.claim(id: $0) }.map { f in
          [
            "id": .string(f.id), "reported": string(f.reported),
            "source": source(f.citation, quote: f.quote, title: f.sourceTitle), "data": f.data,
          ]
        }),
    ]
  }
}
