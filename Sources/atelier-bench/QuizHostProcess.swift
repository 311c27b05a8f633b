import Foundation
import PostgresHarness

/// The release `atelier quiz host` as its own process on 127.0.0.1, driven through its keys (standard input)
/// and read through its projector (standard output), as a facilitator would.
final class QuizHostProcess {
    let process = Process()
    let port: Int
    let memoryFile: String
    let code: String
    private let keys = Pipe()
    private let screen = Pipe()

    /// `timed`: run under GNU time for the peak memory (else `pid` is the host's own, for sampling).
    init(atelier: String, root: String, scratch: String, timed: Bool, maxPlayers: Int = 5000) async throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        port = try LocalPostgres.freePort()
        memoryFile = scratch + "/memory"
        let arguments = ["quiz", "host", "coop-basics", "--questions", "who-owns,vote-rule,parts-leave,reserves-rule,scop-capital,scic-members,ess-rule", "--time", "60", "--bind", "127.0.0.1",
                         "--port", String(port), "--address", "http://127.0.0.1:\(port)", "--max-players", String(maxPlayers),
                         "--lessons", root + "/Lessons", "--locales", root + "/Locales", "--data", scratch + "/quiz.sqlite"]
        if timed {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "%M", "-o", memoryFile, atelier] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: atelier)
            process.arguments = arguments
        }
        process.standardInput = keys
        process.standardOutput = screen
        process.standardError = FileHandle.nullDevice
        let projector = QuizBenchmark.Projector()
        // The projector must be read all along, or the host would block writing its frames.
        screen.fileHandleForReading.readabilityHandler = { handle in projector.append(handle.availableData) }
        try process.run()
        guard let code = try await projector.code(within: 20) else {
            process.terminate()
            throw Stopwatch.SpawnError(description: "the quiz host showed no code")
        }
        self.code = code
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func press(_ keys: String) { self.keys.fileHandleForWriting.write(Data(keys.utf8)) }

    /// The host's resident memory now, in MB (only when not run under GNU time).
    var residentMB: Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    /// Ends the quiz, quits, and returns the peak memory in MB (GNU time's, or the kernel's high-water mark).
    func finish() -> Double {
        var peak = KolibriBenchmark.highWaterMark(process.processIdentifier)
        // `e` asks, a second `e` ends the quiz, `q` quits.
        press("eeq")
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            // GNU time does not pass SIGTERM on: the host itself is stopped, or it would outlive the benchmark.
            let children = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/task/\(process.processIdentifier)/children",
                                         encoding: .utf8)) ?? ""
            for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
            process.terminate()
        }
        process.waitUntilExit()
        screen.fileHandleForReading.readabilityHandler = nil
        if let text = try? String(contentsOfFile: memoryFile, encoding: .utf8), let kilobytes = Double(text.split(separator: "\n").last ?? "") {
            peak = kilobytes / 1024
        }
        return peak
    }
}
