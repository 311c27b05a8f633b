import AtelierEngine
import AtelierSpeech
import AtelierText
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// `atelier quiz host`: the server, the clock and the projector view in the facilitator's terminal, whose
/// keys are the only way to control the game.
public final class QuizHost: Sendable {
    let room: QuizRoom
    let address: String
    let recorder: QuizRecorder?
    let clock: @Sendable () -> Instant
    /// The host's log file (never the terminal: it is the projector).
    let logger: Logger
    /// The projector's voice (`l`): the question in French through this machine's audio output; nil when
    /// eSpeak NG cannot play here (the key then says "no sound").
    let reader: (any Speech)?
    /// The phones' sound files, served by the same server.
    let speech: SpeechCache?
    private let keys = KeyReader()
    /// Whether the reason for "no sound" is in the log already: once is enough.
    private let soundProblemLogged = NIOLockedValueBox(false)

    public init(room: QuizRoom, address: String, recorder: QuizRecorder?,
                clock: @escaping @Sendable () -> Instant, logger: Logger = Logger(label: "atelier.quiz") { _ in SwiftLogNoOpLogHandler() },
                reader: (any Speech)? = nil, speech: SpeechCache? = nil) {
        self.room = room
        self.address = address
        self.recorder = recorder
        self.clock = clock
        self.logger = logger
        self.reader = reader
        self.speech = speech
    }

    /// Serves until the facilitator quits (q after the end, or Ctrl-C twice).
    public func run(host: String, port: Int, limits: QuizServer.Limits = QuizServer.Limits()) async throws {
        var logger = self.logger
        // The server's own errors only: its request logs would name players' addresses.
        logger.logLevel = .error
        let application = QuizServer.application(room: room, host: host, port: port, logger: logger,
                                                 limits: limits, speech: speech)
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
        reader?.stop()
        FileHandle.standardOutput.write(Data("\u{1B}[?25h\u{1B}[0m\n".utf8))
        if let serverError { throw serverError }
    }

    /// Ticks the game, reads keys, redraws when something changed (and every second while a question runs).
    func loop() async {
        var typing: String?
        var lastDrawn: [String] = []
        var quitArmed = false
        // What the last key did, shown for a few seconds (as long as the reading lasts, for `l`).
        var notice: (text: String, until: Instant, reading: Bool)?
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
                let before = await room.game
                var said: String?
                switch key {
                case "\r", "\n", "n", " ": await room.command(.next)
                case "k": typing = ""
                case "r": await room.command(.reveal)
                case "p": await room.command(.pauseOrResume)
                case "s": await room.command(.skip)
                case "e": await room.command(.end)
                case "l", "L":
                    notice = (await readAloud(), clock().adding(milliseconds: 4000), reader?.isSpeaking ?? false)
                    continue
                case "q":
                    if case .finished = await room.game.phase { return }
                    said = "q quitte une fois le quiz fini (e : finir le quiz)."
                case "\u{03}":  // Ctrl-C: twice to leave in the middle of a game
                    if quitArmed { return }
                    quitArmed = true
                    continue
                default:
                    said = Self.unknownKey(key)
                }
                // Every key shows what it did: a command the game refuses now (r in the lobby) says so.
                if said == nil, key != "k", await room.game == before { said = "« \(Self.keyName(key)) » : rien à faire maintenant." }
                notice = said.map { ($0, clock().adding(milliseconds: 4000), false) }
            }
            await room.tick()
            let game = await room.game
            let failures = await room.recordFailures
            let size = TerminalSize.current
            let style = TerminalStyle(width: size.width, height: size.height, color: ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            if let shown = notice, shown.reading ? !(reader?.isSpeaking ?? false) : clock().milliseconds > shown.until.milliseconds {
                notice = nil
            }
            let room = ProjectorScreen.Room(address: address, code: self.room.settings.code, recordFailures: failures, typing: typing,
                                            notice: notice?.text)
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

extension QuizHost {
    /// `l`: the current question and its choices, in French, through this machine's audio output (the kiosk's
    /// eSpeak NG playback); `l` again while it reads stops it. Returns what the projector says about it.
    func readAloud() async -> String {
        guard let index = await room.game.currentIndex, let spoken = room.content.spokenQuestion(index, language: "fr") else {
            return "Pas de question à lire maintenant."
        }
        guard let reader else {
            noSound("eSpeak NG could not start for playback")
            return Self.noSoundNotice
        }
        if reader.isSpeaking {
            reader.stop()
            return "Lecture arrêtée."
        }
        let segments = spoken.text + spoken.choices.flatMap { $0 }
        // Starting playback may spawn a process or open a device: NIO's thread pool, not a cooperative thread.
        let outcome = try? await NIOThreadPool.singleton.runIfActive { reader.speak(segments, language: "fr", rate: .normal) }
        switch outcome {
        case .speaking?:
            return "🔊 Lecture de la question \(index + 1) en français… (l : arrêter)"
        case .noVoice?:
            noSound("no French voice (is espeak-ng-data installed?)")
            return Self.noSoundNotice
        case .noSound?, nil:
            noSound(reader.soundProblem ?? "no audio output")
            return Self.noSoundNotice
        }
    }

    static let noSoundNotice = "🔇 Pas de son : cette machine n'a pas de sortie audio. La question reste à l'écran."

    /// The reason in the host's log, the first time only (the projector says "no sound" every time).
    func noSound(_ reason: String) {
        let first = soundProblemLogged.withLockedValue { logged in
            defer { logged = true }
            return !logged
        }
        if first { logger.warning("read-aloud on the projector: no sound: \(reason)") }
    }

    /// A key the projector does not use.
    static func unknownKey(_ key: Character) -> String {
        "Touche « \(keyName(key)) » : pas d'action. Les touches sont en bas de l'écran."
    }

    /// A key as the projector names it: a printable character as it is, anything else by a word.
    static func keyName(_ key: Character) -> String {
        switch key {
        case "\r", "\n": return "Entrée"
        case " ": return "Espace"
        case "\u{1B}": return "Échap"
        default:
            guard let scalar = key.unicodeScalars.first, key.unicodeScalars.count == 1, scalar.isASCII,
                  scalar.value >= 0x21, scalar.value < 0x7F else { return "?" }
            return String(key)
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
