import Foundation

/// Wall-clock timing of in-process work and of whole processes.
enum Stopwatch {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs `executable` with `arguments`, standard input from `inputPath`, output discarded; returns the
    /// wall time and the peak resident memory of that process in megabytes.
    static func process(_ executable: String, _ arguments: [String], inputPath: String?) throws -> (seconds: Double, peakMB: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let inputPath { process.standardInput = FileHandle(forReadingAtPath: inputPath) }
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        // wait4 gives this child's own rusage, not the maximum over every child so far.
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(process.processIdentifier, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }
}
