import AtelierQuiz
import Foundation

/// Honest players answer a question while the host is abused: 5,000 connection attempts that never finish
/// their request, players that join and never read, malformed JSON in a loop, 10 MB frames, wrong codes in
/// a loop. The figures are the honest players' acknowledgement latency during the abuse, and whether the
/// host's memory comes back down between two waves (no growth without bound).
enum QuizAbuseBenchmark {
    static func run(honest: Int, flood: Int, sleepers: Int, waves: Int, atelier: String, root: String, scratch: String) async throws -> [Figure] {
        let host = try await QuizHostProcess(atelier: atelier, root: root, scratch: scratch + "/abuse", timed: false)
        let baseline = host.residentMB
        var latencies: [[Double]] = []
        var acknowledged: [Double] = []
        var memory: [Double] = []
        for wave in 0..<waves {
            let abuse = Abuse(port: host.port, code: host.code, flood: flood, sleepers: sleepers, wave: wave)
            abuse.start()
            trace("wave \(wave): abuse started")
            try await Task.sleep(for: .seconds(2))  // the abuse is under way
            let players = (0..<honest).map { SimulatedPlayer(url: host.url, number: wave * 10_000 + $0, language: ["ar", "ti", "zh", "fr"][$0 % 4],
                                                             code: host.code) }
            for player in players { player.start() }
            try await QuizBenchmark.until(seconds: 30) { players.allSatisfy(\.hasJoined) }
            trace("wave \(wave): \(players.filter(\.hasJoined).count) honest players joined")
            host.press("\r")  // the next question (the facilitator revealed the previous one)
            try await QuizBenchmark.until(seconds: 30) { players.allSatisfy(\.isAcknowledged) }
            trace("wave \(wave): \(players.filter(\.isAcknowledged).count) acknowledged")
            latencies.append(players.compactMap(\.latency))
            acknowledged.append(Double(players.filter(\.isAcknowledged).count) * 100 / Double(honest))
            host.press("v")  // answers locked
            host.press("v")  // the results
            abuse.stop()
            for player in players { player.stop() }
            try await Task.sleep(for: .seconds(3))  // the host lets go of what the abuse held
            memory.append(host.residentMB)
            let sockets = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(host.process.processIdentifier)/fd").count) ?? 0
            trace("wave \(wave): done, \(memory.last!) MB, \(sockets) open files in the host")
        }
        let peak = host.finish()
        let command = "make bench   (or: .build/release/atelier-bench abuse)"
        func p50(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? .infinity : sorted[sorted.count / 2]
        }
        func p99(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? .infinity : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        }
        let name = "quiz under abuse"
        return [
            Figure(name: "\(name): honest answers acknowledged", unit: "%", samples: acknowledged, goal: .atLeast(100), reproduce: command),
            Figure(name: "\(name): honest ack latency p50", unit: "ms", samples: latencies.map(p50), goal: nil, reproduce: command),
            Figure(name: "\(name): honest ack latency p99", unit: "ms", samples: latencies.map(p99), goal: .atMost(50), reproduce: command),
            Figure(name: "\(name): host memory after each wave / before", unit: "x", samples: memory.map { $0 / max(baseline, 1) },
                   goal: nil, reproduce: command),
            // Freed memory is not always given back to the system at once: what must not happen is growth
            // wave after wave.
            Figure(name: "\(name): host memory, last wave / the one before", unit: "x", samples: [memory[memory.count - 1] / max(memory[memory.count - 2], 1)],
                   goal: .atMost(1.25), reproduce: command),
            Figure(name: "\(name): host peak memory", unit: "MB", samples: [peak], goal: nil, reproduce: command),
        ]
    }

    /// The abusers, on threads of their own (blocking sockets), all from 127.0.0.2.
    final class Abuse: @unchecked Sendable {
        let port: Int
        let code: String
        let flood: Int
        let sleepers: Int
        let wave: Int
        private let lock = NSLock()
        private var stopped = false
        private var descriptors: [Int32] = []
        private var threads: [Thread] = []

        init(port: Int, code: String, flood: Int, sleepers: Int, wave: Int) {
            self.port = port
            self.code = code
            self.flood = flood
            self.sleepers = sleepers
            self.wave = wave
        }

        var isStopped: Bool { lock.withLock { stopped } }
        func keep(_ fd: Int32) { lock.withLock { descriptors.append(fd) } }

        func start() {
            let port = self.port
            // ATELIER_ABUSE_ONLY=flood|sleepers|frames|loops runs one kind of abuse alone, to see what costs what.
            let only = ProcessInfo.processInfo.environment["ATELIER_ABUSE_ONLY"]
            func enabled(_ kind: String) -> Bool { only == nil || only == kind }
            // Connections that send half a request and hold on.
            if enabled("flood") { spawn { [self] in
                for _ in 0..<flood where !isStopped {
                    guard let fd = RawWebSocket.connect(port: port) else { continue }
                    RawWebSocket.send(fd, Array("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
                    keep(fd)
                }
            } }
            // Players that join, then never read what the host sends them.
            if enabled("sleepers") { spawn { [self] in
                for number in 0..<sleepers where !isStopped {
                    // From an address of their own: the guessers below get theirs slowed down.
                    guard let fd = RawWebSocket.connect(port: port, receiveBuffer: 1024, from: "127.0.0.3") else { continue }
                    keep(fd)
                    guard RawWebSocket.upgrade(fd, port: port) else { continue }
                    let join = ClientMessage.join(.init(code: code, nickname: "sleeper \(wave)-\(number)", language: "fr",
                                                        device: String(format: "sleeper%025d", wave * 100_000 + number)))
                    RawWebSocket.send(fd, RawWebSocket.frame(join.encoded))
                }
            } }
            // 10 MB frames, again and again.
            if enabled("frames") { spawn { [self] in
                while !isStopped {
                    guard let fd = RawWebSocket.connect(port: port) else { continue }
                    if RawWebSocket.upgrade(fd, port: port) {
                        RawWebSocket.send(fd, RawWebSocket.header(length: 10 << 20) + [UInt8](repeating: 0x41, count: 1 << 20))
                    }
                    close(fd)
                }
            } }
            // Wrong codes in a loop, and malformed JSON in a loop.
            for kind in 0..<4 where enabled("loops") {
                spawn { [self] in
                    while !isStopped {
                        guard let fd = RawWebSocket.connect(port: port) else { continue }
                        if RawWebSocket.upgrade(fd, port: port) {
                            for attempt in 0..<40 where !isStopped {
                                let text = kind == 0
                                    ? (attempt % 2 == 0 ? "{\"v\":1,\"type\":" : "[1,2,3]")
                                    : ClientMessage.join(.init(code: "0000", nickname: "guess", language: "fr",
                                                               device: String(format: "guesser%025d", kind))).encoded
                                guard RawWebSocket.send(fd, RawWebSocket.frame(text)) else { break }
                            }
                        }
                        close(fd)
                    }
                }
            }
        }

        func spawn(_ body: @escaping @Sendable () -> Void) {
            let thread = Thread(block: body)
            lock.withLock { threads.append(thread) }
            thread.start()
        }

        func stop() {
            lock.withLock { stopped = true }
            usleep(300_000)
            for fd in lock.withLock({ descriptors }) { close(fd) }
        }
    }
}

/// Progress on standard error, so that a long run shows where it is.
func trace(_ text: String) {
    FileHandle.standardError.write(Data("atelier-bench: \(text)\n".utf8))
}
