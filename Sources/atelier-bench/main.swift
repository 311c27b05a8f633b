import Foundation

// atelier-bench [full|smoke] [--write PATH]
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
figures += try LayoutBenchmark.run(megabytes: smoke ? 2 : 10, runs: runs, atelier: atelier, scratch: scratch)
let root = FileManager.default.currentDirectoryPath  // make bench runs from the package root
figures += try KioskBenchmark.run(runs: smoke ? 5 : 15, atelier: atelier, floor: binDirectory.appendingPathComponent("atelier-floor").path,
                                  root: root, scratch: scratch)
figures += try LintBenchmark.run(modules: smoke ? 20 : 200, runs: smoke ? 3 : 5, atelier: atelier, scratch: scratch)
figures += try StoreBenchmark.run(answers: smoke ? 300 : 10_000, exported: smoke ? 20_000 : 100_000, scratch: scratch)
figures += try await QuizBenchmark.run(players: smoke ? [300] : [1000, 2000], runs: smoke ? 1 : 3, atelier: atelier, root: root,
                                       scratch: scratch)

let report = Report(figures: figures, slack: smoke ? 2 : 1)
print(report.table)
if let writePath {
    try report.markdown(runs: runs).write(toFile: writePath, atomically: true, encoding: .utf8)
    print("wrote \(writePath)")
}
if !report.failures.isEmpty {
    let names = report.failures.map(\.name).joined(separator: "; ")
    print(smoke ? "bench-smoke: more than 2x worse than target: \(names)" : "below target: \(names)")
    exit(1)
}
