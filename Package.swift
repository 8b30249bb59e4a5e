// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "JourneyLedger",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "journey", targets: ["journey"]),
    .executable(name: "journey-bench", targets: ["journey-bench"]),
    .executable(name: "journey-reliability", targets: ["journey-reliability"]),
    .library(name: "EventStore", targets: ["EventStore"]),
    .library(name: "JourneyDomain", targets: ["JourneyDomain"]),
    .library(name: "Projections", targets: ["Projections"]),
    .library(name: "ProjectionTestKit", targets: ["ProjectionTestKit"]),
  ],
  dependencies: [],
  targets: [
    // The append-only log: segments, hash chain, recovery, readers. Knows nothing of the domain.
    .target(name: "EventStore", dependencies: ["CSHA256"], path: "EventStore"),

    // SHA-256 block compression with the x86 SHA extensions, selected at run time (C, no flags).
    .target(name: "CSHA256", path: "Native/CSHA256"),

    // The children's services domain: event catalogue, periods, authorities, importers.
    .target(
      name: "JourneyDomain", dependencies: ["EventStore"], path: "Sources",
      exclude: ["Resources/make-authorities.py", "Resources/ofsted-urns.txt", "Resources/AUTHORITIES.md"],
      resources: [.copy("Resources/authorities.csv")]),

    // Projections, the replay engine and checkpoints.
    .target(
      name: "Projections", dependencies: ["EventStore", "JourneyDomain"], path: "Projections/Engine"),
    .target(
      name: "ProjectionTestKit", dependencies: ["Projections", "EventStore", "JourneyDomain"],
      path: "Projections/TestKit"),

    // Executables and the command-line library they share.
    .target(
      name: "JourneyCLI", dependencies: ["EventStore", "JourneyDomain", "Projections"],
      path: "Tools/JourneyCLI"),
    // Linked with the Swift runtime and Foundation statically: no dynamic loading or symbol
    // relocation at start-up (docs/PERFORMANCE.md, issue 16). Allowed here because this is the root package.
    // `_FoundationICU` is named once more at the end: the linker searches static archives in the order
    // the objects' autolink entries name them, and with some sets of source files it came before
    // FoundationInternationalization, which needs it (undefined `swift_udat_*` at link time).
    .executableTarget(
      name: "journey", dependencies: ["JourneyCLI"], path: "Tools/journey",
      swiftSettings: [.unsafeFlags(["-static-stdlib"])],
      linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "-l_FoundationICU"])]),
    .target(
      name: "JourneyBenchKit", dependencies: ["EventStore", "JourneyDomain", "Projections"], path: "Tools/JourneyBenchKit"),
    .executableTarget(
      name: "journey-bench", dependencies: ["EventStore", "JourneyDomain", "Projections", "JourneyBenchKit"],
      path: "Tools/journey-bench"),

    .executableTarget(
      name: "journey-reliability", dependencies: ["EventStore", "JourneyDomain", "Projections", "JourneyBenchKit"],
      path: "Tools/journey-reliability"),

    // Tests.
    .testTarget(name: "EventStoreTests", dependencies: ["EventStore"], path: "Tests/EventStoreTests"),
    .testTarget(
      name: "DomainTests", dependencies: ["JourneyDomain", "EventStore", "JourneyBenchKit"], path: "Tests/DomainTests"),
    .testTarget(
      name: "ProjectionsTests",
      dependencies: ["Projections", "ProjectionTestKit", "JourneyDomain", "EventStore", "JourneyBenchKit"],
      path: "Tests/ProjectionsTests"),
    .testTarget(
      name: "CLITests", dependencies: ["JourneyCLI", "EventStore", "JourneyDomain", "Projections", "JourneyBenchKit", "ProjectionTestKit"],
      path: "Tests/CLITests"),
  ]
)
