import AtelierEngine
import AtelierText
import Foundation
import Logging

/// `atelier quiz host`: the server, the clock and the projector view in the facilitator's terminal, whose
/// keys are the only way to control the game.
public final class QuizHost: @unchecked Sendable {
    let room: QuizRoom
    let address: String
    let recorder: QuizRecorder?
    let clock: @Sendable () -> Instant
    private let keys = KeyReader()

    public init(room: QuizRoom, address: String, recorder: QuizRecorder?,
                clock: @escaping @Sendable () -> Instant) {
        self.room = room
        self.address = address
        self.recorder = recorder
        self.clock = clock
    }

    /// Serves until the facilitator quits (q after the end, or Ctrl-C twice).
    public func run(host: String, port: Int, connectionsPerAddress: Int = 64) async throws {
        var logger = Logger(label: "atelier.quiz")
        logger.logLevel = .critical  // nothing about players goes to the terminal, which is the projector
        let application = QuizServer.application(room: room, host: host, port: port, logger: logger,
                                                 connectionsPerAddress: connectionsPerAddress)
        keys.start()
        defer { keys.stop() }
        let serverStopped = Latch()
        let server = Task {
            defer { serverStopped.open() }
            try await application.runService(gracefulShutdownSignals: [.sigterm])
        }
        let watcher = Task { await self.loop(stopping: serverStopped) }
        // Until the facilitator quits, or the server stops (SIGTERM, or it could not listen).
        await watcher.value
        // Players still connected get their last messages and are let go; a graceful shutdown would wait for
        // every phone to hang up.
        await room.closeAll()
        server.cancel()
        for _ in 0..<30 where !serverStopped.isOpen { try? await Task.sleep(for: .milliseconds(100)) }
        recorder?.stop()
        FileHandle.standardOutput.write(Data("\u{1B}[?25h\u{1B}[0m\n".utf8))
        if serverStopped.isOpen, case .failure(let error) = await server.result, !(error is CancellationError) { throw error }
    }

    /// Ticks the game, reads keys, redraws when something changed (and every second while a question runs).
    func loop(stopping serverStopped: Latch) async {
        var typing: String?
        var lastDrawn: [String] = []
        var quitArmed = false
        while !Task.isCancelled && !serverStopped.isOpen {
            while let key = keys.next() {
                if var number = typing {
                    switch key {
                    case "\r", "\n":
                        if let position = Int(number) { await room.command(.kick(position)) }
                        typing = nil
                    case "\u{1B}", "\u{03}": typing = nil
                    case "\u{7F}", "\u{08}": typing = String(number.dropLast())
                    default:
                        if key.isASCII, key.isNumber, number.count < 5 { number.append(key) }
                        typing = number
                    }
                    continue
                }
                switch key {
                case "\r", "\n", "n", " ": await room.command(.next)
                case "k": typing = ""
                case "r": await room.command(.reveal)
                case "p": await room.command(.pauseOrResume)
                case "s": await room.command(.skip)
                case "e": await room.command(.end)
                case "q":
                    if case .finished = await room.game.phase { return }
                case "\u{03}":  // Ctrl-C: twice to leave in the middle of a game
                    if quitArmed { return }
                    quitArmed = true
                default: break
                }
            }
            await room.tick()
            let game = await room.game
            let failures = await room.recordFailures
            let size = TerminalSize.current
            let style = TerminalStyle(width: size.width, height: size.height, color: ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            let room = ProjectorScreen.Room(address: address, code: self.room.settings.code, recordFailures: failures, typing: typing)
            // Laid out again for the terminal's size at every frame: the projector's window may be resized.
            var rows = ProjectorScreen(content: self.room.content, style: style).render(game, room: room, now: clock()).rows
            if quitArmed { rows.append("Ctrl-C encore une fois pour quitter.") }
            if rows != lastDrawn {
                lastDrawn = rows
                var out = "\u{1B}[?25l\u{1B}[H\u{1B}[2J"
                for row in rows { out += row + "\r\n" }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// Single keys from the facilitator's terminal, without Enter and without echo; read on a thread of its own.
final class KeyReader: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Character] = []
    private var saved = termios()
    private var raw = false
    private var thread: Thread?

    func start() {
        if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 {
            var settings = saved
            settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
            raw = tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0
        }
        let thread = Thread { [weak self] in
            var byte: UInt8 = 0
            while read(STDIN_FILENO, &byte, 1) == 1 {
                guard let self else { return }
                self.lock.lock()
                self.queue.append(Character(Unicode.Scalar(byte)))
                self.lock.unlock()
            }
        }
        self.thread = thread
        thread.start()
    }

    func next() -> Character? {
        lock.lock()
        defer { lock.unlock() }
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    func stop() {
        if raw { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }
}

/// A flag that opens once, readable from any thread.
final class Latch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func open() { lock.withLock { value = true } }
    var isOpen: Bool { lock.withLock { value } }
}
