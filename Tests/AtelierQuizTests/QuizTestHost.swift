import AtelierContent
import AtelierEngine
import AtelierQuiz
import AtelierSpeech
import AtelierStore
import Foundation
import Logging

/// A real quiz host on 127.0.0.1 (a free port), with the bundled lessons and a store in a temporary file.
struct QuizTestHost {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let room: QuizRoom
    let store: ProgressStore
    let recorder: QuizRecorder
    let port: Int
    let server: Task<Void, any Error>
    let folder: String

    static func content(module: String = "coop-basics", only: [String]? = nil, seconds: Int? = nil) throws -> QuizContent {
        try QuizContent.load(repository: ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"), module: module,
                             only: only, seconds: seconds).get()
    }

    /// One eSpeak NG for the whole test process (the library has one global state), synthesising into memory.
    static let espeak = ESpeakSpeech(mode: .memory)

    /// `speech`: the phones' sound files (`GET /api/listen`) and listen tokens; none by default.
    /// `limits`: the server's limits per address and idle deadline (the defaults of `atelier quiz host`).
    static func start(code: String = "4821", only: [String]? = nil, seconds: Int? = nil, maxPlayers: Int = 5000, speech: SpeechCache? = nil,
                      limits: QuizServer.Limits = .init(), ranking: Bool = false,
                      clock: @escaping @Sendable () -> Instant = QuizTestHost.now) async throws -> QuizTestHost {
        let content = try content(only: only, seconds: seconds)
        let folder = NSTemporaryDirectory() + "atelier-quiz-\(UUID().uuidString)"
        let store = try ProgressStore(path: folder + "/atelier.sqlite", pinHasher: .fastForTests)
        try store.startQuiz(id: "s1", module: content.module.id, scoring: "speed", questions: content.questions.map(\.stepID), at: clock())
        let recorder = QuizRecorder(store: store, session: "s1", module: content.module.id)
        let room = QuizRoom(content: content, settings: .init(code: code, session: "s1", maxPlayers: maxPlayers, readAloud: speech != nil),
                            scoring: .speed, teams: 0, ranking: ranking, recorder: recorder, clock: clock)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = QuizServer.application(room: room, host: "127.0.0.1", port: 0,
                                                 logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                                 limits: limits, speech: speech, onRunning: { continuation.yield($0) })
        let server = Task { try await application.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await value in ports { port = value; break }
        let ticker = Task {
            while !Task.isCancelled {
                await room.tick()
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        _ = ticker
        return QuizTestHost(room: room, store: store, recorder: recorder, port: port, server: server, folder: folder)
    }

    @Sendable static func now() -> Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
    /// A clock that does not move: a question stays open however slow the machine is (a 30 s question ran out
    /// under the full suite before a rejoining player asked for it). Tests that need time to pass move their own.
    @Sendable static func frozen() -> Instant { Instant(milliseconds: 1_800_000_000_000) }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        server.cancel()
        recorder.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A scripted player: its connection, and what it has heard so far.
final class TestPlayer: @unchecked Sendable {
    let connection: QuizConnection
    let device: String
    private let lock = NSLock()
    private var inbox: [ServerMessage] = []
    private var ended = false
    private var task: Task<Void, Never>?

    init(url: String, device: String = TestPlayer.newDevice()) {
        let connection = QuizConnection(url: url)
        self.connection = connection
        self.device = device
        task = Task { [self] in
            async let running: Void? = try? connection.run()
            for await message in connection.messages { receive(message) }
            _ = await running
            finish()
        }
    }

    private func receive(_ message: ServerMessage) { lock.withLock { inbox.append(message) } }
    private func finish() { lock.withLock { ended = true } }

    var isClosed: Bool { lock.withLock { ended } }

    static func newDevice() -> String { UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    func join(nickname: String, language: String, code: String = "4821", pseudonym: String? = nil, pin: String? = nil) {
        connection.send(.join(.init(code: code, nickname: nickname, language: language, device: device, pseudonym: pseudonym, pin: pin)))
    }

    /// The first message heard that `matches` (earlier ones are dropped). It waits for the message, not for a
    /// time: `seconds` only ends a test that would otherwise hang, so it is far above any honest wait on a
    /// loaded 2-core machine (the PIN hashes behind a join are cheap here: `PINHasher.fastForTests`).
    func next(within seconds: Double = 600, where matches: @escaping (ServerMessage) -> Bool = { _ in true }) async -> ServerMessage? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let found: ServerMessage? = lock.withLock {
                while !inbox.isEmpty {
                    let message = inbox.removeFirst()
                    if matches(message) { return message }
                }
                return nil
            }
            if let found { return found }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    func close() {
        connection.close()
    }
}
