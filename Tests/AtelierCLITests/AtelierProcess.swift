import Foundation

/// Runs the built `atelier` binary as a user would, with files for its standard streams (no pipe can fill
/// up and block), and reports its exit status, output and peak memory.
struct AtelierProcess {
    struct Outcome {
        let status: Int32
        let standardOutput: Data
        let standardError: String
        /// Peak resident memory of the largest child so far, in kilobytes (getrusage RUSAGE_CHILDREN).
        let peakKilobytes: Int
        var text: String { String(decoding: standardOutput, as: UTF8.self) }
        var rows: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ATELIER_BIN"] { return URL(fileURLWithPath: path) }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("atelier")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return packageRoot.appendingPathComponent(".build/debug/atelier")
    }

    static func run(_ arguments: [String], input: Data = Data(), directory: URL = packageRoot) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in"), outPath = scratch.appendingPathComponent("out")
        let errPath = scratch.appendingPathComponent("err")
        try input.write(to: inPath)
        FileManager.default.createFile(atPath: outPath.path, contents: nil)
        FileManager.default.createFile(atPath: errPath.path, contents: nil)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = try FileHandle(forReadingFrom: inPath)
        process.standardOutput = try FileHandle(forWritingTo: outPath)
        process.standardError = try FileHandle(forWritingTo: errPath)
        try process.run()
        process.waitUntilExit()
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Outcome(status: process.terminationStatus, standardOutput: try Data(contentsOf: outPath),
                       standardError: String(decoding: try Data(contentsOf: errPath), as: UTF8.self),
                       peakKilobytes: usage.ru_maxrss)
    }
}
