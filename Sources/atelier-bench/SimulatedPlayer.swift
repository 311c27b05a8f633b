import AtelierQuiz
import Foundation

/// One phone: joins, and at each question answers at a random moment of the next 2 seconds; with `listen`, it
/// also fetches the question's WAV at once (`GET /api/listen`), as the page's listen button does. A connect that
/// fails is tried again on a new socket after 1, 2 and 4 s, as the phone page does; a connection lost once
/// joined is not (that player is lost, and the figure says so). Every benchmark of the room uses this one type,
/// so that a fix to how a phone behaves reaches all of them.
final class SimulatedPlayer: @unchecked Sendable {
    let url: String
    let number: Int
    let language: String
    let code: String
    /// The host's port, for the WAV fetch; nil: the phone does not listen.
    let listenPort: Int?
    private let lock = NSLock()
    private var connection: QuizConnection?
    private var joined = false
    private var token: String?
    private var questions: Set<Int> = []
    private var failure: String?
    private var sentAt: [Int: UInt64] = [:]
    private var ackAt: [Int: UInt64] = [:]
    private var fetchMs: [Int: Double] = [:]
    private var results: Set<Int> = []
    private var tasks: [Task<Void, Never>] = []

    init(url: String, number: Int, language: String, code: String, listenPort: Int? = nil) {
        self.url = url
        self.number = number
        self.language = language
        self.code = code
        self.listenPort = listenPort
    }

    var hasJoined: Bool { lock.withLock { joined } }
    var hasQuestion: Bool { lock.withLock { !questions.isEmpty } }
    /// Why the connection ended before the end, if it did (a refused connect, an error from the host).
    var failed: String? { lock.withLock { failure } }
    /// An answer was acknowledged, whichever question it was (the abuse benchmark's second wave answers
    /// question 1: counting question 0 only made that wave read as 0 % acknowledged in CI).
    var isAcknowledged: Bool { lock.withLock { !ackAt.isEmpty } }
    func isAcknowledged(_ question: Int) -> Bool { lock.withLock { ackAt[question] != nil } }
    func hasResult(_ question: Int) -> Bool { lock.withLock { results.contains(question) } }
    /// Milliseconds the question's WAV took to arrive (infinity when it came empty or not at all).
    func fetched(_ question: Int) -> Double? { lock.withLock { fetchMs[question] } }
    /// The ack latency of the first question this phone answered, in milliseconds.
    var latency: Double? {
        lock.withLock {
            ackAt.keys.min().flatMap { question in sentAt[question].map { Double(ackAt[question]! - $0) / 1e6 } }
        }
    }
    /// Every question's ack latency, in milliseconds.
    var latencies: [Double] {
        lock.withLock { ackAt.compactMap { question, at in sentAt[question].map { Double(at - $0) / 1e6 } } }
    }

    func start() {
        let device = String(format: listenPort == nil ? "bench%027d" : "listen%026d", number)
        let join = ClientMessage.join(.init(code: code, nickname: "player \(number)", language: language, device: device))
        let task = Task { [self] in
            for attempt in 0..<4 {
                let connection = QuizConnection(url: url)
                lock.withLock { self.connection = connection }
                connection.send(join)
                let reader = Task { await read(connection) }
                do {
                    try await connection.run()
                    await reader.value
                    return
                } catch {
                    await reader.value  // `run` ends the messages when it fails
                    if hasJoined || attempt == 3 {
                        lock.withLock { if failure == nil { failure = "connect: \(type(of: error))" } }
                        return
                    }
                    try? await Task.sleep(for: .seconds(1 << attempt))
                }
            }
        }
        lock.withLock { tasks.append(task) }
    }

    private func read(_ connection: QuizConnection) async {
        for await message in connection.messages {
            switch message {
            case .welcome(_, _, _, _, _, let listen): lock.withLock { joined = true; token = listen }
            case .error(let code, _, _): lock.withLock { if failure == nil { failure = "error \(code)" } }
            case .question(let view):
                lock.withLock { _ = questions.insert(view.index) }
                if let port = listenPort, let token = lock.withLock({ token }) { fetch(view.index, token: token, port: port) }
                let delay = UInt64.random(in: 0..<2_000_000_000)
                let choice = view.choices[number % view.choices.count].id
                let answer = Task {
                    try? await Task.sleep(nanoseconds: delay)
                    self.lock.withLock { self.sentAt[view.index] = DispatchTime.now().uptimeNanoseconds }
                    connection.send(.answer(question: view.index, choice: choice))
                }
                lock.withLock { tasks.append(answer) }
            case .ack(let question, _):
                lock.withLock { if ackAt[question] == nil { ackAt[question] = DispatchTime.now().uptimeNanoseconds } }
            case .result(let view):
                _ = lock.withLock { results.insert(view.index) }
            default: break
            }
        }
    }

    /// The WAV of the question, on a thread of its own (a blocking GET), timed from the request to its last byte.
    private func fetch(_ question: Int, token: String, port: Int) {
        // Pashto and Tigrinya phones get the French reading, as the page asks for it.
        let lang = ["ps", "ti"].contains(language) ? "fr" : language
        let path = "/api/listen?token=\(token)&question=\(question)&lang=\(lang)"
        DispatchQueue.global().async { [self] in
            let start = DispatchTime.now().uptimeNanoseconds
            let bytes = Self.get(path, port: port)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            lock.withLock { fetchMs[question] = bytes > 44 ? ms : .infinity }
        }
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
        lock.withLock { connection }?.close()
        for task in lock.withLock({ tasks }) { task.cancel() }
    }
}
