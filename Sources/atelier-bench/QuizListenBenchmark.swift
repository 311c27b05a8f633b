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
            SimulatedPlayer(url: host.url, number: $0, language: languages[$0 % languages.count], code: host.code,
                            listenPort: listen ? host.port : nil)
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
