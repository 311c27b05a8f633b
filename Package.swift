// swift-tools-version:6.0
import PackageDescription

// Direction of dependencies (see README, Architecture):
// CAtelierICU <- AtelierText <- AtelierContent <- AtelierEngine <- {AtelierStore, AtelierTerminal, AtelierQuiz} <- atelier
let package = Package(
    name: "Atelier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "atelier", targets: ["atelier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // Every ICU call lives here. The public header uses only <stdint.h> types, because Foundation on
        // Linux ships its own ICU and a Swift module that sees both fails to compile.
        .target(
            name: "CAtelierICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
                .linkedLibrary("stdc++"),
            ]
        ),
        // GNU readline plus the few shims Swift 6 needs (its C globals cannot be assigned from Swift).
        .target(
            name: "CReadline",
            linkerSettings: [.linkedLibrary("readline")]
        ),
        .target(name: "AtelierText", dependencies: ["CAtelierICU"]),
        .target(name: "AtelierContent", dependencies: ["AtelierText", "Yams"]),
        // Pure state machines: the lesson walk and the group-quiz game. No I/O, no clock, no Foundation.
        .target(name: "AtelierEngine", dependencies: ["AtelierContent", "AtelierText"]),
        .executableTarget(
            name: "atelier",
            dependencies: [
                "AtelierText", "AtelierContent", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "atelier-bench",
            dependencies: ["AtelierText", "CAtelierICU"],
            path: "Benchmarks/atelier-bench"
        ),
        .testTarget(name: "AtelierTextTests", dependencies: ["AtelierText", "CAtelierICU"]),
        .testTarget(name: "AtelierContentTests", dependencies: ["AtelierContent"]),
        .testTarget(
            name: "AtelierEngineTests",
            dependencies: ["AtelierEngine", "AtelierContent", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "AtelierCLITests", dependencies: ["atelier"]),
    ],
    cxxLanguageStandard: .cxx17
)
