import Foundation
import PostgresHarness

/// Kolibri, the offline learning platform, as a peer: its time from start to the first answered HTTP request
/// and its peak memory, against the kiosk's start-up and the quiz host's. Installed from PyPI into a
/// throwaway virtual environment under .build/ the first time; skipped, with the reason, when that fails.
enum KolibriBenchmark {
    static func run(runs: Int, root: String, scratch: String, notes: inout [String]) -> [Figure] {
        let environment = root + "/.build/kolibri-venv"
        let kolibri = environment + "/bin/kolibri"
        if !FileManager.default.isExecutableFile(atPath: kolibri) {
            trace("installing Kolibri from PyPI into \(environment) (once)")
            guard shell(["python3", "-m", "venv", environment], seconds: 120) == 0,
                  shell([environment + "/bin/pip", "install", "--quiet", "kolibri"], seconds: 900) == 0,
                  FileManager.default.isExecutableFile(atPath: kolibri) else {
                notes.append("Kolibri: skipped, `pip install kolibri` into a virtual environment failed on this machine.")
                return []
            }
        }
        var seconds: [Double] = []
        var megabytes: [Double] = []
        let home = scratch + "/kolibri-home"
        // The first start creates Kolibri's database: not counted, as the kiosk's data file is not either.
        for run in 0...runs {
            guard let port = try? LocalPostgres.freePort(), let (elapsed, peak) = once(kolibri: kolibri, home: home, port: port) else {
                notes.append("Kolibri: skipped, it did not answer HTTP within 120 s.")
                return []
            }
            if run > 0 {
                seconds.append(elapsed * 1000)
                megabytes.append(peak)
            }
        }
        let command = "make bench   (Kolibri from PyPI in .build/kolibri-venv; KOLIBRI_HOME in a scratch folder)"
        return [
            Figure(name: "Kolibri: start to first answered HTTP request", unit: "ms", samples: seconds, goal: nil, reproduce: command),
            Figure(name: "Kolibri: peak memory at that moment", unit: "MB", samples: megabytes, goal: nil, reproduce: command),
        ]
    }

    /// Starts Kolibri in the foreground, polls its port until it answers, then stops it.
    static func once(kolibri: String, home: String, port: Int) -> (seconds: Double, peakMB: Double)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kolibri)
        process.arguments = ["start", "--foreground", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["KOLIBRI_HOME"] = home
        environment["KOLIBRI_RUN_MODE"] = "atelier-bench"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        guard (try? process.run()) != nil else { return nil }
        defer {
            process.interrupt()
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if answers(port: port) {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                return (elapsed, highWaterMark(process.processIdentifier))
            }
            usleep(20_000)
        }
        return nil
    }

    /// Whether something answers an HTTP GET / on the port (any status line).
    static func answers(port: Int) -> Bool {
        guard let fd = RawWebSocket.connect(port: port, from: "127.0.0.1") else { return false }
        defer { close(fd) }
        guard RawWebSocket.send(fd, Array("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)) else { return false }
        var buffer = [UInt8](repeating: 0, count: 16)
        return recv(fd, &buffer, 16, 0) > 0 && buffer.starts(with: Array("HTTP/".utf8))
    }

    /// The peak resident memory of a process and its children, in MB.
    static func highWaterMark(_ pid: pid_t) -> Double {
        var total = 0.0
        var pending = [pid]
        while let next = pending.popLast() {
            if let status = try? String(contentsOfFile: "/proc/\(next)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
                total += kilobytes / 1024
            }
            for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(next)/task")) ?? [] {
                let children = (try? String(contentsOfFile: "/proc/\(next)/task/\(task)/children", encoding: .utf8)) ?? ""
                pending += children.split(separator: " ").compactMap { pid_t($0) }
            }
        }
        return total
    }

    static func shell(_ arguments: [String], seconds: Double) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(100_000) }
        if process.isRunning { process.terminate(); return -1 }
        return process.terminationStatus
    }
}
