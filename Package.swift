// swift-tools-version:6.0
import PackageDescription

// Direction of dependencies (docs/architecture.md; Tests/AtelierCLITests/LayerTests.swift fails on a wrong import):
// CAtelierICU <- AtelierText <- AtelierContent <- AtelierEngine <- {AtelierStore, AtelierTerminal, AtelierQuiz} <- atelier
// AtelierSpeech (Text, Content) <- {AtelierTerminal, AtelierQuiz}; AtelierStore <- AtelierSync <- atelier
// The one lock type: swift-nio's NIOLockedValueBox (a pthread mutex) rather than the Synchronization module's
// Mutex, because ThreadSanitizer on Linux cannot see Mutex's futex and reports every guarded value as a race
// (docs/architecture.md). `make tsan-smoke` runs in CI.
let locks = Target.Dependency.product(name: "NIOConcurrencyHelpers", package: "swift-nio")

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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // Already there for Hummingbird and postgres-nio; named for its thread pool (blocking disk work) and its lock.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        // The progress report's HTML page (`progress report --html`): elements built as values, not concatenated text.
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
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
        // Release builds keep Swift's dynamic exclusivity checks: this is the module that handles strangers'
        // text through unsafe pointers (issue #21). Their cost in the layout is measured in issue #24.
        .target(name: "AtelierText", dependencies: ["CAtelierICU", locks]),
        .target(name: "AtelierContent", dependencies: ["AtelierText", "Yams", locks]),
        // The one log file of a kiosk or a quiz host (swift-log's handler, rotated); beside the layers, below the shells.
        .target(name: "AtelierLog", dependencies: [.product(name: "Logging", package: "swift-log"), locks]),
        // Pure state machines: the lesson walk and the group-quiz game. No I/O, no clock, no Foundation.
        .target(name: "AtelierEngine", dependencies: ["AtelierContent", "AtelierText"]),
        // Participants' progress on SQLite: one durable transaction per answer, export, report, erase.
        .target(
            name: "AtelierStore",
            dependencies: [
                "AtelierEngine", "AtelierContent", "AtelierText",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The kiosk: pure renderers of every screen, and the readline/tty shell around the engine.
        .target(
            name: "AtelierTerminal",
            dependencies: ["AtelierText", "AtelierContent", "AtelierEngine", "AtelierSpeech", "AtelierLog", "CReadline",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // Read-aloud: eSpeak NG's C library (Debian libespeak-ng-dev, espeak-ng-data), behind a few calls. Opened
        // with dlopen at the first read-aloud, not linked: with its audio output it brings about thirty shared
        // libraries that every start would load (issue #24). Only its header is needed to build.
        .target(name: "CEspeak", linkerSettings: [.linkedLibrary("dl")]),
        // Recorded voices: decoded with libsndfile, played with pcaudiolib (eSpeak NG's own output library);
        // opened at their first use, as eSpeak NG is.
        .target(name: "CSound", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "AtelierSpeech", dependencies: ["AtelierText", "AtelierContent", "CEspeak", "CSound", locks,
                                                      .product(name: "NIOPosix", package: "swift-nio")]),
        // QR codes of the join address, from Debian's libqrencode; the header carries no library type.
        .target(name: "CQREncode", linkerSettings: [.linkedLibrary("qrencode")]),
        // The group quiz's protocol v1 (docs/quiz-protocol.md): messages and their strict decoder, without any
        // network code, so that the fuzzer and the codec tests need no server.
        .target(name: "AtelierQuizProtocol", dependencies: ["AtelierText"]),
        // The group quiz: the host (HTTP + WebSocket, the phones' page and its sound files, the projector view) and the
        // terminal client.
        .target(
            name: "AtelierQuiz",
            dependencies: [
                "AtelierQuizProtocol", "AtelierEngine", "AtelierContent", "AtelierText", "AtelierLog", "AtelierSpeech", "CQREncode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                locks,
            ],
            // The phones' page: copied beside the binary (Atelier_AtelierQuiz.resources), read once at the host's start.
            resources: [.copy("Web/phone.html"), .copy("Web/app.css"), .copy("Web/app.js")]
        ),
        // Several sites: a kiosk's records pushed to a shared PostgreSQL (postgres-nio), and the coordinators'
        // reports read from it (docs/multi-site.md).
        .target(
            name: "AtelierSync",
            dependencies: [
                "AtelierStore", "AtelierContent", "AtelierText",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                locks,
            ]
        ),
        // The progress report as one self-contained HTML page (`progress report --html`): inline SVG charts of our
        // own and tables, built with Plot. Above the store (it draws the store's report value), below the executable.
        .target(
            name: "AtelierReportPage",
            dependencies: ["AtelierStore", "AtelierContent", "AtelierText", .product(name: "Plot", package: "Plot")]
        ),
        // A throwaway PostgreSQL cluster from Debian's binaries, for the sync tests and the sync benchmark.
        .target(name: "PostgresHarness"),
        .executableTarget(
            name: "atelier",
            dependencies: [
                "AtelierText", "AtelierContent", "AtelierEngine", "AtelierStore", "AtelierTerminal", "AtelierQuiz", "AtelierSync", "AtelierSpeech",
                "AtelierLog", "AtelierReportPage",
                "CReadline", locks,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "CSQLiteFloor", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "CBenchSupport", linkerSettings: [.linkedLibrary("util")]),
        .executableTarget(name: "atelier-floor", dependencies: ["CAtelierICU"]),
        .executableTarget(
            name: "atelier-bench",
            dependencies: ["AtelierSpeech", "AtelierText", "AtelierContent", "CAtelierICU", "AtelierStore", "AtelierEngine", "AtelierQuiz", "CSQLiteFloor",
                           "CBenchSupport", "AtelierSync", "PostgresHarness", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // What each fuzz target does with an input, shared by the fuzzer and the test that replays its findings.
        .target(name: "AtelierFuzzTargets", dependencies: ["AtelierContent", "AtelierText", "AtelierQuizProtocol"]),
        // libFuzzer's binary (Tests/Fuzz/fuzz.sh builds it with libFuzzer, ASan and UBSan; a plain build just checks it).
        .executableTarget(name: "atelier-fuzz", dependencies: ["AtelierFuzzTargets"]),
        .testTarget(name: "AtelierTextTests", dependencies: ["AtelierText", "CAtelierICU"]),
        // Every input in Tests/Fuzz/regressions/<target>/ (and the seeds), through the fuzzer's entry point.
        .testTarget(name: "AtelierFuzzTests", dependencies: ["AtelierFuzzTargets"]),
        // What several test targets share: content broken one way at a time (the one validity rule's tests).
        // and the headless Chromium driver (DevTools) of the phone page's and the progress page's browser tests.
        .target(
            name: "AtelierTestSupport",
            dependencies: [.product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/AtelierTestSupport"
        ),
        .testTarget(
            name: "AtelierReportPageTests",
            dependencies: ["AtelierReportPage", "AtelierStore", "AtelierContent", "AtelierEngine", "AtelierTestSupport", "atelier"],
            exclude: ["Fixtures"]  // golden screenshots, read from the source tree
        ),
        .testTarget(name: "AtelierSpeechTests", dependencies: ["AtelierSpeech"]),
        .testTarget(name: "AtelierContentTests", dependencies: ["AtelierContent", "AtelierTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AtelierEngineTests",
            dependencies: ["AtelierEngine", "AtelierContent", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // Writes answers in a loop and says which were committed: the store's crash and concurrency tests
        // kill it, or run two at once.
        .executableTarget(
            name: "atelier-stress",
            dependencies: ["AtelierStore", "AtelierEngine"]
        ),
        .testTarget(
            name: "AtelierStoreTests",
            dependencies: ["AtelierStore", "atelier-stress", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AtelierTerminalTests",
            dependencies: ["AtelierTerminal", "AtelierContent", "AtelierEngine", "AtelierText", "AtelierSpeech", "AtelierLog"],
            exclude: ["Golden"]  // read from the source tree, so that ATELIER_RECORD_GOLDEN=1 can rewrite them
        ),
        .testTarget(
            name: "AtelierQuizTests",
            dependencies: [
                "AtelierQuiz", "AtelierEngine", "AtelierContent", "AtelierStore", "AtelierTestSupport", "AtelierSpeech", "PostgresHarness",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            exclude: ["Fixtures"]  // the phone page's golden screenshots, read from the source tree
        ),
        .testTarget(
            name: "AtelierSyncTests",
            dependencies: [
                "AtelierSync", "AtelierStore", "AtelierContent", "AtelierEngine", "PostgresHarness", "atelier",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                "AtelierLog", locks,
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AtelierCLITests",
            dependencies: ["atelier", "atelier-stress", locks],
            exclude: ["kiosk_common.py", "kiosk_content.py", "kiosk_crash_test.py", "kiosk_faults.py", "kiosk_input.py", "kiosk_keys.py", "kiosk_pty.py", "kiosk_reading.py",
                      "kiosk_pictures.py", "kiosk_rtl.py", "play_pty.py", "quiz_pty.py", "quiz_room_pty.py", "quiz_teams_pty.py"]  // run with python3
        ),
    ],
    cxxLanguageStandard: .cxx17
)
