import Foundation

// atelier-bench [full|smoke|quiz|abuse|sync|speech|store] [--write PATH]
//   store  only the durable answer write against plain SQLite doing the same statements (`store N`: N answers), and the export
//   speech only read-aloud: the listen key's latency and the synthesis speed
//   sync   only the push of 100,000 attempts to PostgreSQL and the bare COPY
//   quiz   only the quiz host's figures (1,000, 2,000 and 5,000 players; `quiz 5000` only that size; `quiz library 5000` with a
//          WebSocket library client per phone instead of the one-thread raw phones); `quiz listen`: 40 players with and without the
//          phones fetching the question's WAV (the ack p99 both ways and their ratio)
//   abuse  only the quiz host under abuse
//   layout only layout against ICU's bare line breaks (`layout N`: N MB of corpus)
//   start  only the kiosk's and the quiz host's start against the empty program
//   full   every figure at full size, prints the table, rewrites docs/performance.md with --write
//   smoke  the short variant for CI: smaller inputs, fails when a figure is more than 2x worse than its target

let arguments = Array(CommandLine.arguments.dropFirst())
let smoke = arguments.first == "smoke"
// atelier-bench corpus DIR [MODULES]: only write the lint corpus, to reproduce or profile that figure.
if arguments.first == "corpus", arguments.count >= 2 {
    try LintBenchmark.generate(root: arguments[1], modules: arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200)
    exit(0)
}
let writePath = arguments.firstIndex(of: "--write").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let atelier = binDirectory.appendingPathComponent("atelier").path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

guard FileManager.default.isExecutableFile(atPath: atelier) else {
    FileHandle.standardError.write(Data("atelier-bench: build the atelier binary first (swift build -c release)\n".utf8))
    exit(2)
}

let runs = smoke ? 3 : 15
var figures: [Figure] = []
let root = FileManager.default.currentDirectoryPath  // make bench runs from the package root
if arguments.first == "abuse" {
    // ATELIER_ABUSE_WAVES=N for a longer run (does the memory level off?).
    let waves = Int(ProcessInfo.processInfo.environment["ATELIER_ABUSE_WAVES"] ?? "") ?? 5
    let report = Report(figures: try await QuizAbuseBenchmark.run(honest: 50, flood: 5000, sleepers: 200, waves: waves, atelier: atelier,
                                                                  root: root, scratch: scratch), slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "speech" {
    let report = Report(figures: try SpeechBenchmark.run(runs: 20), slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "store" {
    // `store N`: N answers (10,000 unless given), in 10 rounds taken in turn with the floor.
    let answers = arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
    let report = Report(figures: try StoreBenchmark.run(answers: answers, exported: 100_000, scratch: scratch), slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "start" {
    // Only the starts: the kiosk's and the quiz host's against the empty program, 15 and 11 runs.
    var figures = try KioskBenchmark.run(runs: 15, atelier: atelier, floor: binDirectory.appendingPathComponent("atelier-floor").path,
                                         root: root, scratch: scratch)
    let empty = figures.first { $0.name.hasPrefix("empty Swift + Foundation + ICU program: start") }?.median ?? .infinity
    figures += QuizBenchmark.startFigures(try QuizBenchmark.startup(runs: 11, atelier: atelier, root: root, scratch: scratch), emptyStart: empty)
    let report = Report(figures: figures, slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "layout" {
    // Only layout against ICU's bare line breaks (`layout N`: N MB of corpus, 10 unless given).
    let megabytes = arguments.dropFirst().first.flatMap { Int($0) } ?? 10
    let report = Report(figures: try LayoutBenchmark.run(megabytes: megabytes, runs: runs, atelier: atelier, scratch: scratch), slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "sync" {
    let report = Report(figures: try await SyncBenchmark.run(attempts: 100_000, runs: 3, scratch: scratch), slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "quiz", arguments.dropFirst().first == "listen" {
    // 40 players, with and without every phone fetching the question's WAV (issue #19).
    let report = Report(figures: try await QuizListenBenchmark.run(players: 40, runs: 5, atelier: atelier, root: root, scratch: scratch),
                        slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
if arguments.first == "quiz" {
    // `quiz 5000`: only the room sizes given.
    let sizes = arguments.dropFirst().compactMap { Int($0) }
    // `quiz library 5000`: the same with a WebSocket library client per phone.
    let lean = !arguments.contains("library")
    let report = Report(figures: try await QuizBenchmark.run(players: sizes.isEmpty ? [1000, 2000, 5000] : sizes, runs: 3, lean: lean, atelier: atelier,
                                                             root: root, scratch: scratch),
                        slack: 1)
    print(report.table)
    exit(report.failures.isEmpty ? 0 : 1)
}
figures += try LayoutBenchmark.run(megabytes: smoke ? 2 : 10, runs: runs, atelier: atelier, scratch: scratch)
figures += try KioskBenchmark.run(runs: smoke ? 5 : 15, atelier: atelier, floor: binDirectory.appendingPathComponent("atelier-floor").path,
                                  root: root, scratch: scratch)
// The quiz host's start right after the kiosk's and the empty program's, which it is compared with. Measured last,
// after the sync benchmark and its PostgreSQL, it read 93 ms in a CI run where `atelier-bench start` alone reads 51.
let quizStart = try QuizBenchmark.startup(runs: smoke ? 3 : 11, atelier: atelier, root: root, scratch: scratch)
figures += QuizBenchmark.startFigures(quizStart, emptyStart: figures.first { $0.name.hasPrefix("empty Swift + Foundation + ICU program: start") }?.median ?? .infinity)
figures += try LintBenchmark.run(modules: smoke ? 20 : 200, runs: smoke ? 3 : 5, atelier: atelier, scratch: scratch)
figures += try SpeechBenchmark.run(runs: smoke ? 5 : 20)
figures += try StoreBenchmark.run(answers: smoke ? 300 : 10_000, exported: smoke ? 20_000 : 100_000, scratch: scratch)
figures += try await QuizBenchmark.run(players: smoke ? [300] : [1000, 2000, 5000], runs: smoke ? 1 : 3, atelier: atelier, root: root,
                                       scratch: scratch)
if !smoke {
    // The 5,000 with a WebSocket library client per phone, as measured before issue #22's lean phones: for comparison.
    figures += try await QuizBenchmark.run(players: [5000], runs: 3, lean: false, atelier: atelier, root: root, scratch: scratch)
}
if !smoke {
    // Too few answers for a steady p99 ratio in one short run: the full run only (issue #19's 10 % bound).
    figures += try await QuizListenBenchmark.run(players: 40, runs: 5, atelier: atelier, root: root, scratch: scratch)
}
figures += try await QuizAbuseBenchmark.run(honest: 50, flood: smoke ? 1000 : 5000, sleepers: smoke ? 50 : 200,
                                            waves: smoke ? 3 : 5, atelier: atelier, root: root, scratch: scratch)
figures += try await SyncBenchmark.run(attempts: smoke ? 20_000 : 100_000, runs: smoke ? 1 : 3, scratch: scratch)
var notes: [String] = []
let startCommand = "make bench   (or: swift build -c release && .build/release/atelier-bench full)"
if !smoke {
    // Installing Kolibri takes minutes and needs PyPI: the full run only.
    let kolibri = KolibriBenchmark.run(runs: 5, root: root, scratch: scratch, notes: &notes)
    figures += kolibri
    if kolibri.count == 2 {
        let kiosk = figures.first { $0.name.hasPrefix("kiosk: start to first screen") }
        figures += [
            Figure(name: "Kolibri start / quiz host start (ratio)", unit: "x", samples: [kolibri[0].median / max(medianOf(quizStart.page), 0.001)],
                   goal: nil, reproduce: startCommand),
            // Against the host with its room made: at the first page it has not read the module yet.
            Figure(name: "Kolibri memory / quiz host memory, room ready (ratio)", unit: "x",
                   samples: [kolibri[1].median / max(medianOf(quizStart.readyMB), 0.001)], goal: nil, reproduce: startCommand),
        ]
        if let kiosk {
            figures.append(Figure(name: "Kolibri start / kiosk start (ratio)", unit: "x", samples: [kolibri[0].median / max(kiosk.median, 0.001)],
                                  goal: nil, reproduce: startCommand))
        }
    }
}

let report = Report(figures: figures, slack: smoke ? 2 : 1, notes: notes)
print(report.table)
for note in notes { print(note) }
if let writePath {
    let previous = try? String(contentsOfFile: writePath, encoding: .utf8)
    try report.markdown(runs: runs, previous: previous).write(toFile: writePath, atomically: true, encoding: .utf8)
    print("wrote \(writePath)")
}
if !report.failures.isEmpty {
    let names = report.failures.map(\.name).joined(separator: "; ")
    print(smoke ? "bench-smoke: more than 2x worse than target: \(names)" : "below target: \(names)")
    exit(1)
}
