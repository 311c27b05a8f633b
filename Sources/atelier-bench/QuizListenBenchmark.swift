import AtelierQuiz
import Foundation

/// `atelier-bench quiz listen`: does the host's WAV cache slow the answers down? A 40-player quiz (the release
/// `atelier quiz host`, its own process) plays five questions twice per run: once where nobody listens, once where
/// every phone fetches the question's WAV the moment the question arrives (the first of each language synthesises,
/// the others wait for it or hit the cache) and answers within 2 seconds as usual. The figure is the p99
/// acknowledgement latency both ways, and their ratio (goal: at most 1.10, issue #19).
enum QuizListenBenchmark {
    static let questions = 5

    static func run(players count: Int, runs: Int, atelier: String, root: String, scratch: String) async throws -> [Figure] {
        var quiet: [Double] = []
        var listening: [Double] = []
        var wavs: [Double] = []
        for index in 0..<runs {
            // Alternated, so that a machine getting busier over the runs does not favour one side.
            let order = index % 2 == 0 ? [false, true] : [true, false]
            for listen in order {
                let result = try await once(players: count, listen: listen, atelier: atelier, root: root,
                                            scratch: scratch + "/listen-\(index)-\(listen)")
                if listen {
                    listening.append(result.p99)
                    wavs.append(result.wavMs)
                } else {
                    quiet.append(result.p99)
                }
            }
        }
        let ratios = zip(listening, quiet).map { $0 / max($1, 0.001) }
        let command = "swift build -c release && .build/release/atelier-bench quiz listen"
        let name = "quiz host, \(count) players"
        return [
            Figure(name: "\(name), nobody listening: ack latency p99", unit: "ms", samples: quiet, goal: nil, reproduce: command),
            Figure(name: "\(name), every phone fetching the WAV: ack latency p99", unit: "ms", samples: listening, goal: nil,
                   reproduce: command),
            Figure(name: "\(name): ack p99 with WAV fetches / without (ratio)", unit: "x", samples: ratios, goal: .atMost(1.10),
                   reproduce: command),
            Figure(name: "\(name): question WAV fetched, p50 of the slowest phone", unit: "ms", samples: wavs, goal: nil, reproduce: command),
        ]
    }

    struct Result {
        var p99: Double
        /// The slowest phone's WAV fetch, per question, the median over the questions.
        var wavMs: Double
    }

    static func once(players count: Int, listen: Bool, atelier: String, root: String, scratch: String) async throws -> Result {
        let host = try await QuizHostProcess(atelier: atelier, root: root, scratch: scratch, timed: false)
        let languages = ["fr", "ar", "prs", "ti", "ta", "zh"]
        let players = (0..<count).map {
            ListeningPlayer(url: host.url, port: host.port, number: $0, language: languages[$0 % languages.count], code: host.code, listen: listen)
        }
        for player in players { player.start() }
        try await QuizBenchmark.until(seconds: 60) { players.allSatisfy(\.hasJoined) }
        var slowest: [Double] = []
        for question in 0..<questions {
            // A room looks at the lobby, then at each result, for a few seconds before the next question (the host
            // makes the next question's sound meanwhile); the same wait in both modes.
            try await Task.sleep(for: .seconds(3))
            host.press("\r")  // the facilitator opens the question
            try await QuizBenchmark.until(seconds: 30) { players.allSatisfy { $0.isAcknowledged(question) } }
            if listen {
                try await QuizBenchmark.until(seconds: 30) { players.allSatisfy { $0.fetched(question) != nil } }
                slowest.append(players.compactMap { $0.fetched(question) }.max() ?? 0)
            }
            host.press("v")  // answers locked now
            host.press("v")  // the results
            try await QuizBenchmark.until(seconds: 30) { players.allSatisfy { $0.hasResult(question) } }
        }
        let latencies = players.flatMap(\.latencies).sorted()
        for player in players { player.stop() }
        _ = host.finish()
        let p99 = latencies.isEmpty ? .infinity : latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        return Result(p99: p99, wavMs: slowest.isEmpty ? 0 : slowest.sorted()[slowest.count / 2])
    }
}

/// One phone: joins, and at each question fetches the question's WAV at once (when it listens) and answers at a
/// random moment of the next 2 seconds.
final class ListeningPlayer: @unchecked Sendable {
    let connection: QuizConnection
    let port: Int
    let number: Int
    let language: String
    let code: String
    let listen: Bool
    private let lock = NSLock()
    private var joined = false
    private var token: String?
    private var sentAt: [Int: UInt64] = [:]
    private var ackAt: [Int: UInt64] = [:]
    private var fetchMs: [Int: Double] = [:]
    private var results: Set<Int> = []
    private var tasks: [Task<Void, Never>] = []

    init(url: String, port: Int, number: Int, language: String, code: String, listen: Bool) {
        connection = QuizConnection(url: url)
        self.port = port
        self.number = number
        self.language = language
        self.code = code
        self.listen = listen
    }

    var hasJoined: Bool { lock.withLock { joined } }
    func isAcknowledged(_ question: Int) -> Bool { lock.withLock { ackAt[question] != nil } }
    func hasResult(_ question: Int) -> Bool { lock.withLock { results.contains(question) } }
    func fetched(_ question: Int) -> Double? { lock.withLock { fetchMs[question] } }
    var latencies: [Double] {
        lock.withLock { ackAt.compactMap { question, at in sentAt[question].map { Double(at - $0) / 1e6 } } }
    }

    func start() {
        let connection = self.connection
        let device = String(format: "listen%026d", number)
        connection.send(.join(.init(code: code, nickname: "player \(number)", language: language, device: device)))
        tasks.append(Task { try? await connection.run() })
        tasks.append(Task { [self] in
            for await message in connection.messages {
                switch message {
                case .welcome(_, _, _, _, _, let listen): lock.withLock { joined = true; token = listen }
                case .question(let view):
                    if listen, let token = lock.withLock({ token }) {
                        // Pashto and Tigrinya phones get the French reading, as the page asks for it.
                        let lang = ["ps", "ti"].contains(language) ? "fr" : language
                        let path = "/api/listen?token=\(token)&question=\(view.index)&lang=\(lang)"
                        let port = self.port
                        DispatchQueue.global().async { [self] in
                            let start = DispatchTime.now().uptimeNanoseconds
                            let bytes = Self.get(path, port: port)
                            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                            lock.withLock { fetchMs[view.index] = bytes > 44 ? ms : .infinity }
                        }
                    }
                    let delay = UInt64.random(in: 0..<2_000_000_000)
                    let choice = view.choices[number % view.choices.count].id
                    let task = Task {
                        try? await Task.sleep(nanoseconds: delay)
                        self.lock.withLock { self.sentAt[view.index] = DispatchTime.now().uptimeNanoseconds }
                        connection.send(.answer(question: view.index, choice: choice))
                    }
                    lock.withLock { tasks.append(task) }
                case .ack(let question, _):
                    lock.withLock { if ackAt[question] == nil { ackAt[question] = DispatchTime.now().uptimeNanoseconds } }
                case .result(let view):
                    _ = lock.withLock { results.insert(view.index) }
                default: break
                }
            }
        })
    }

    /// One GET on loopback, read to the end (the host closes: `Connection: close`): the body's size in bytes, 0 on
    /// failure.
    static func get(_ path: String, port: Int) -> Int {
        guard let fd = RawWebSocket.connect(port: port, from: "127.0.0.1") else { return 0 }
        defer { close(fd) }
        guard RawWebSocket.send(fd, Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)) else { return 0 }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        guard received.starts(with: Array("HTTP/1.1 200".utf8)),
              let end = (0..<max(0, received.count - 3)).first(where: { received[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }) else {
            return 0
        }
        return received.count - end - 4
    }

    func stop() {
        connection.close()
        for task in lock.withLock({ tasks }) { task.cancel() }
    }
}
