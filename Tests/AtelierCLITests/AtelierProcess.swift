import Foundation

/// Runs the built `atelier` binary as a user would, with files for its standard streams (no pipe can fill
/// up and block), and reports its exit status, output and peak memory.
struct AtelierProcess {
    struct Outcome {
        let status: Int32
        let standardOutput: Data
        let standardError: String
        /// Peak resident memory of the command, in kilobytes, when asked for (GNU time, which forks from
        /// its own small process: a child spawned straight from the test process would count the test's
        /// pages in its peak).
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

    static func run(_ arguments: [String], input: Data = Data(), directory: URL = packageRoot,
                    measureMemory: Bool = false) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in"), outPath = scratch.appendingPathComponent("out")
        let errPath = scratch.appendingPathComponent("err")
        try input.write(to: inPath)
        FileManager.default.createFile(atPath: outPath.path, contents: nil)
        FileManager.default.createFile(atPath: errPath.path, contents: nil)

        // posix_spawn and wait4 rather than Process: Foundation reaps its children itself, and
        // getrusage(RUSAGE_CHILDREN) would mix in every other process the tests started.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath.path, O_WRONLY | O_TRUNC, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath.path, O_WRONLY | O_TRUNC, 0)
        // The shell changes directory, then `exec` makes the same process the binary: wait4 measures it.
        let memoryPath = scratch.appendingPathComponent("memory").path
        let command = measureMemory ? ["/usr/bin/time", "-f", "%M", "-o", memoryPath, binary.path] : [binary.path]
        let argv = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + command + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0 else {
            throw CocoaError(.executableNotLoadable)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let peak = measureMemory ? (try? String(contentsOfFile: memoryPath, encoding: .utf8))
            .flatMap { Int($0.split(separator: "\n").last ?? "") } ?? -1 : usage.ru_maxrss
        return Outcome(status: exitStatus, standardOutput: try Data(contentsOf: outPath),
                       standardError: String(decoding: try Data(contentsOf: errPath), as: UTF8.self),
                       peakKilobytes: peak)
    }
}
