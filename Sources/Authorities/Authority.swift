import Foundation

/// A geography the ledger holds facts about: a local authority, a region or England.
public struct Authority: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable {
    case localAuthority = "la"
    case region, england
  }

  public var kind: Kind
  /// The DfE LA number (`358`); the key, as it survives ONS recoding.
  ///
  /// Empty for regions and England.
  public var dfeNumber: String
  /// ONS codes the authority has had (`E08000009`).
  public var onsCodes: [String]
  public var name: String
  public var regionCode: String
  public var regionName: String
  /// Ofsted's provider URN, where known.
  public var ofstedURN: String?
  /// The first and last DfE workforce years the authority appears in.
  public var years: ClosedRange<Int>
  /// DfE numbers of the authorities that replaced it in a reorganisation.
  public var successors: [String]
  /// Other spellings that name it (`Durham`, `Hull`), besides the forms matching ignores anyway.
  public var variants: [String] = []
  /// The first day it was a children's services authority, when it began in a reorganisation.
  public var validFrom: String? = nil
  /// The last day it was one, when a reorganisation ended it.
  public var validTo: String? = nil

  /// Whether it still exists (no reorganisation has ended it).
  public var isCurrent: Bool { validTo == nil }

  /// The ledger stream: `la:358`, `region:E12000002` or `england`.
  public var stream: String {
    switch kind {
    case .localAuthority: "la:\(dfeNumber)"
    case .region: "region:\(onsCodes.first ?? "")"
    case .england: "england"
    }
  }
}
