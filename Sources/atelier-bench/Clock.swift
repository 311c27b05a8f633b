import Foundation

/// Wall-clock timing of in-process work and of whole processes.
enum Stopwatch {
    /// CPU time of this thread spent in `body`: on a shared machine it moves less than wall time when
    /// another process takes the core for a while.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` with `arguments`, standard input from `inputPath`, output discarded; returns the
    /// wall time and the command's peak resident memory in megabytes. The peak comes from GNU time, which
    /// forks the command from its own small process: a child spawned straight from this benchmark would
    /// count the benchmark's own pages in its peak.
    static func process(_ executable: String, _ arguments: [String], inputPath: String?) throws -> (seconds: Double, peakMB: Double) {
        let memoryFile = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-bench-memory-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: memoryFile) }
        let wall = try spawn("/usr/bin/time", ["-f", "%M", "-o", memoryFile, executable] + arguments, inputPath: inputPath)
        let kilobytes = (try? String(contentsOfFile: memoryFile, encoding: .utf8))
            .flatMap { Double($0.split(separator: "\n").last ?? "") } ?? 0
        return (wall, kilobytes / 1024)
    }

    private static func spawn(_ executable: String, _ arguments: [String], inputPath: String?) throws -> Double {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(status)))") }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
