import AtelierEngine
import AtelierText
import Foundation
import Logging
import NIOConcurrencyHelpers

/// `atelier quiz host`: the server, the clock and the projector view in the facilitator's terminal, whose
/// keys are the only way to control the game.
public final class QuizHost: Sendable {
    let room: QuizRoom
    let address: String
    let recorder: QuizRecorder?
    let clock: @Sendable () -> Instant
    /// The host's log file (never the terminal: it is the projector).
    let logger: Logger
    private let keys = KeyReader()

    public init(room: QuizRoom, address: String, recorder: QuizRecorder?,
                clock: @escaping @Sendable () -> Instant, logger: Logger = Logger(label: "atelier.quiz") { _ in SwiftLogNoOpLogHandler() }) {
        self.room = room
        self.address = address
        self.recorder = recorder
        self.clock = clock
        self.logger = logger
    }

    /// Serves until the facilitator quits (q after the end, or Ctrl-C twice).
    public func run(host: String, port: Int, connectionsPerAddress: Int = 64) async throws {
        var logger = self.logger
        // The server's own errors only: its request logs would name players' addresses.
        logger.logLevel = .error
        let application = QuizServer.application(room: room, host: host, port: port, logger: logger,
                                                 connectionsPerAddress: connectionsPerAddress)
        keys.start()
        defer { keys.stop() }
        // The server and the facilitator's loop are children of this call: when the loop ends (q, Ctrl-C twice)
        // or the server stops (SIGTERM, or it could not listen), the other is cancelled and both are awaited.
        let serverError: (any Error)? = await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                do {
                    try await application.runService(gracefulShutdownSignals: [.sigterm])
                    return nil
                } catch is CancellationError {
                    return nil
                } catch {
                    return error
                }
            }
            group.addTask {
                await self.loop()
                return nil
            }
            let first = await group.next() ?? nil
            // Players still connected get their last messages and are let go; a graceful shutdown would wait
            // for every phone to hang up.
            await room.closeAll()
            group.cancelAll()
            for await _ in group {}
            return first
        }
        recorder?.stop()
        FileHandle.standardOutput.write(Data("\u{1B}[?25h\u{1B}[0m\n".utf8))
        if let serverError { throw serverError }
    }

    /// Ticks the game, reads keys, redraws when something changed (and every second while a question runs).
    func loop() async {
        var typing: String?
        var lastDrawn: [String] = []
        var quitArmed = false
        while !Task.isCancelled {
            for key in keys.available() {
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
            // Cancellation (the server stopped) ends the sleep early; the loop's condition then ends the loop.
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// Single keys from the facilitator's terminal, without Enter and without echo. Read without blocking at each
/// frame of the host's loop (a tenth of a second), so no thread waits on the terminal.
final class KeyReader: Sendable {
    private struct Terminal {
        var saved = termios()
        var raw = false
    }

    private let terminal = NIOLockedValueBox(Terminal())

    func start() {
        terminal.withLockedValue { terminal in
            if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &terminal.saved) == 0 {
                var settings = terminal.saved
                settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
                terminal.raw = tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0
            }
        }
    }

    /// The keys pressed since the last call (none when nothing is waiting). `poll` with no wait rather than
    /// O_NONBLOCK: a terminal's input and output are often one open file, and the projector's writes must block.
    func available() -> [Character] {
        var keys: [Character] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) == 1, ready.revents & Int16(POLLIN) != 0 else { return keys }
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return keys }  // end of input: no more keys, the loop goes on
            keys += buffer[..<count].map { Character(Unicode.Scalar($0)) }
        }
    }

    func stop() {
        terminal.withLockedValue { terminal in
            if terminal.raw { tcsetattr(STDIN_FILENO, TCSANOW, &terminal.saved) }
        }
    }
}
