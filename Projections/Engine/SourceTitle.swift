import EventStore

/// The readable name of a fact's source: the document's title and the part of it the cited lines
/// come from (`meta.source.title`, `meta.source.part`), for showing beside `file:lines`.
public enum SourceTitle {
  /// `Document title › part title`, either alone when only one is given; nil when neither is.
  public static func text(_ source: JSON?) -> String? {
    let title = source?["title"]?.stringValue
    let part = source?["part"]?.stringValue
    switch (title, part) {
    case (let title?, let part?): return "\(title) › \(part)"
    case (let title?, nil): return title
    case (nil, let part?): return part
    case (nil, nil): return nil
    }
  }

  /// The same, read from a record's metadata text.
  public static func text(metaText: String) -> String? { text((try? JSONParser.parse(metaText))?["source"]) }
}

extension Fact {
  /// The source document's title and part (`Document › part`), when the event gives them.
  public var sourceTitle: String? { SourceTitle.text(metaText: metaText) }
}
