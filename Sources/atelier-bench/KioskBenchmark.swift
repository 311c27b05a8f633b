import CBenchSupport
import Foundation

/// The kiosk from start to its first screen, with the bundled lessons, in a pseudo-terminal; against an
/// empty Swift program that links Foundation and ICU (the floor).
enum KioskBenchmark {
    static func run(runs: Int, atelier: String, floor: String, root: String, scratch: String) throws -> [Figure] {
        func measure(_ arguments: [String], marker: String) throws -> (seconds: [Double], megabytes: [Double]) {
            var seconds: [Double] = []
            var megabytes: [Double] = []
            for _ in 0..<runs {
                var elapsed = 0.0
                var peak = 0
                let argv = arguments.map { strdup($0) } + [nil]
                defer { argv.forEach { free($0) } }
                guard atelier_pty_first_output(argv, marker, 10_000, &elapsed, &peak) == 0 else {
                    throw Stopwatch.SpawnError(description: "\(arguments[0]) never drew \(marker)")
                }
                seconds.append(elapsed * 1000)
                megabytes.append(Double(peak) / 1024)
            }
            return (seconds, megabytes)
        }
        let kiosk = try measure([atelier, "kiosk", "--lessons", root + "/Lessons", "--locales", root + "/Locales",
                                 "--data", scratch + "/kiosk.sqlite"], marker: "1-")
        let empty = try measure([floor], marker: "Atelier floor")
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench full)"
        let ratios = zip(kiosk.seconds.sorted(), empty.seconds.sorted()).map { $0 / max($1, 0.001) }
        return [
            Figure(name: "kiosk: start to first screen (pty)", unit: "ms", samples: kiosk.seconds, goal: .atMost(50), reproduce: command),
            // Issue #24's goal (it was 40 MB).
            Figure(name: "kiosk: peak memory to first screen", unit: "MB", samples: kiosk.megabytes, goal: .atMost(30), reproduce: command),
            Figure(name: "empty Swift + Foundation + ICU program: start", unit: "ms", samples: empty.seconds, goal: nil, reproduce: command),
            Figure(name: "empty Swift + Foundation + ICU program: memory", unit: "MB", samples: empty.megabytes, goal: nil, reproduce: command),
            // Issue #24's goal is 1.5x, not reached yet: the target stays at 4x so that bench-smoke (twice the target)
            // catches a regression without failing on today's 3x; lower it with the start-up work.
            Figure(name: "kiosk start / empty program start (ratio)", unit: "x", samples: ratios, goal: .atMost(4), reproduce: command),
        ]
    }
}
