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
    /// The projector's voice (`a`): the question through this machine's audio output; nil when
    /// eSpeak NG cannot play here (the key then says "no sound").
    let reader: (any Speech)?
    /// The phones' sound files, served by the same server.
    let speech: SpeechCache?
    /// How the projector draws the QR code (`--qr`); nil: chosen from the terminal's colours.
    let qr: QRCode.Drawing?
    let keys = KeyReader()
    /// Whether the reason for "no sound" is in the log already: once is enough.
    private let soundProblemLogged = NIOLockedValueBox(false)

    public init(room: QuizRoom, address: String, recorder: QuizRecorder?,
                clock: @escaping @Sendable () -> Instant, logger: Logger = Logger(label: "atelier.quiz") { _ in SwiftLogNoOpLogHandler() },
                reader: (any Speech)? = nil, speech: SpeechCache? = nil, qr: QRCode.Drawing? = nil) {
        self.room = room
        self.address = address
        self.recorder = recorder
        self.clock = clock
        self.logger = logger
        self.reader = reader
        self.speech = speech
        self.qr = qr
    }

    /// Serves until the facilitator quits (q after the end, or Ctrl-C twice).
    public func run(host: String, port: Int, limits: QuizServer.Limits = QuizServer.Limits()) async throws {
        do {
            try await Self.serve(pending: PendingRoom(room: room, speech: speech), host: host, port: port, limits: limits,
                                 logger: logger) { self }
        } catch StartFailure.server(let error) {
            throw error  // nothing to prepare here: the server's own error, as it was
        }
    }

    /// Why `serve` stopped before the game could start.
    public enum StartFailure: Error {
        /// The server could not listen (a port in use, an address this machine does not have).
        case server(any Error)
        /// `prepare` failed: its own error, which it has already explained.
        case prepare(any Error)
    }

    /// Listens at once, serving the phones' page from memory, while `prepare` reads the module and makes the room
    /// (issue #24: that reading was most of the host's start, and the page needs none of it; a phone that joins
    /// meanwhile waits for the room). `prepare` returns the host whose room then resolves `pending` and whose
    /// projector runs until the facilitator quits; or it throws, and `pending` fails. When both fail, `prepare`'s error is the
    /// one thrown: a module with errors is reported as before, whatever the port.
    public static func serve(pending: PendingRoom, host: String, port: Int, limits: QuizServer.Limits = QuizServer.Limits(),
                             logger: Logger, prepare: @escaping @Sendable () async throws -> QuizHost) async throws {
        var quiet = logger
        // The server's own errors only: its request logs would name players' addresses.
        quiet.logLevel = .error
        // The projector starts once the server listens and the room is made, whichever comes last: it shows the
        // address to open, which must answer by then.
        let (listening, listened) = AsyncStream<Void>.makeStream()
        let application = QuizServer.application(pending: pending, host: host, port: port, logger: quiet, limits: limits,
                                                 onRunning: { _ in listened.yield(); listened.finish() })
        enum Outcome: Sendable {
            case serverStopped((any Error)?)
            case listening(Bool)
            case prepared(QuizHost)
            case prepareFailed(any Error)
            case loopEnded(QuizHost)
        }
        // The server and the projector are children of this call: when the projector's loop ends (q, Ctrl-C twice)
        // or the server stops (SIGTERM, or it could not listen), the other is cancelled and both are awaited.
        var serverError: (any Error)?
        var prepareError: (any Error)?
        var started: QuizHost?
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    try await application.runService(gracefulShutdownSignals: [.sigterm])
                    return .serverStopped(nil)
                } catch is CancellationError {
                    return .serverStopped(nil)
                } catch {
                    return .serverStopped(error)
                }
            }
            group.addTask {
                for await _ in listening { return .listening(true) }
                return .listening(false)  // cancelled: the server never listened
            }
            group.addTask {
                do {
                    let host = try await prepare()
                    pending.resolve(room: host.room, speech: host.speech)
                    return .prepared(host)
                } catch {
                    pending.fail()
                    return .prepareFailed(error)
                }
            }
            var serverRunning = true, isListening = false, looping = false
            while let outcome = await group.next() {
                switch outcome {
                case .serverStopped(let error):
                    serverRunning = false
                    serverError = serverError ?? error
                    // The projector ends with the server (its keys loop watches for cancellation); a room still
                    // being prepared is let finish, so that its own failure is the one reported.
                    if let started { await started.room.closeAll() }
                    group.cancelAll()
                case .listening(let value):
                    isListening = value
                case .prepareFailed(let error):
                    prepareError = error
                    group.cancelAll()
                case .prepared(let host):
                    started = host  // finished below either way: its recorder holds the data file
                case .loopEnded(let host):
                    // Players still connected get their last messages and are let go; a graceful shutdown would
                    // wait for every phone to hang up.
                    await host.room.closeAll()
                    group.cancelAll()
                }
                if let host = started, isListening, serverRunning, !looping, !Task.isCancelled {
                    looping = true
                    group.addTask {
                        host.keys.start()
                        await host.loop()
                        host.keys.stop()
                        return .loopEnded(host)
                    }
                }
            }
        }
        started?.finish()
        if let prepareError { throw StartFailure.prepare(prepareError) }
        if let serverError { throw StartFailure.server(serverError) }
    }

    /// Room mode (`--room`): no server at all, nothing listens; the facilitator's keys are the game's only input.
    public func runRoom() async {
        keys.start()
        defer { keys.stop() }
        await loop()
        finish()
    }

    /// The answers written, the voice stopped, the terminal's cursor and colours given back.
    func finish() {
        recorder?.stop()
        reader?.stop()
        FileHandle.standardOutput.write(Data("\u{1B}[?25h\u{1B}[0m\n".utf8))
    }

    /// Ticks the game, reads keys, redraws when something changed (and every second while a question runs).
    func loop() async {
        var typing: String?
        var lastDrawn: [String] = []
        var quitArmed = false
        /// `e` once asks for a second `e`: a stray key must not end a room's game.
        var endArmed = false
        var roster = false
        /// The language shown under the French question (`l`); nil: French only.
        var second: String?
        /// Room mode: the team letter typed, waiting for its answer's number (`b`, then `3`).
        var teamKey: String?
        // What the last key did, shown for a few seconds (as long as the reading lasts, for `a`).
        var notice: (text: String, until: Instant, reading: Bool)?
        func say(_ text: String) { notice = (text, clock().adding(milliseconds: 4000), false) }
        while !Task.isCancelled {
            for key in keys.available() {
                if let typed = typing {
                    let game = await room.game
                    switch key {
                    case "\r", "\n":
                        switch RosterSearch(game).resolve(typed) {
                        case .found(let player):
                            await room.command(.remove(player: player.id))
                            say("« \(Self.shown(player.nickname)) » est retiré du jeu ; son appareil ne peut plus revenir.")
                            typing = nil
                        case .nobody: say("Aucun joueur ne correspond à « \(Self.shown(typed)) ».")
                        case .several(let count): say("\(count) joueurs correspondent : Tab pour compléter, ou tapez la suite du nom.")
                        }
                    case "\t":
                        let completed = RosterSearch(game).complete(typed)
                        if completed == typed { say("Tab : \(RosterSearch(game).matches(typed).count) joueur(s) correspondent.") }
                        typing = completed
                    case "\u{1B}", "\u{03}":
                        typing = nil
                        say("Retrait annulé.")
                    case "\u{7F}", "\u{08}": typing = String(typed.dropLast())
                    default:
                        // Printable characters only, and no more than a nickname holds.
                        if key.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }),
                           typed.count < QuizProtocol.maxNicknameCharacters {
                            typing = typed + String(key)
                        }
                    }
                    continue
                }
                let before = await room.game
                if !before.roomTeams.isEmpty, let text = await roomKey(key, game: before, pending: &teamKey) {
                    endArmed = false
                    say(text)
                    // The question for the number stays on the status line as long as it waits for it.
                    if let waiting = teamKey, !waiting.hasPrefix("?") { notice?.until = clock().adding(milliseconds: 3_600_000) }
                    continue
                }
                let wasArmed = endArmed
                endArmed = false
                var said: String?
                switch key {
                case "\r", "\n", "n", " ":
                    // After the answers are locked, Enter reveals; after the reveal, it opens the next question.
                    if case .closed = before.phase { await room.command(.reveal) } else { await room.command(.next) }
                case "v", "V":
                    switch before.phase {
                    case .question, .paused: await room.command(.close)
                    default: await room.command(.reveal)
                    }
                case "k", "K":
                    if !before.roomTeams.isEmpty {
                        said = "Mode salle : pas de joueur à retirer (les équipes restent jusqu'à la fin)."
                        break
                    }
                    typing = ""
                    continue
                case "r", "R":
                    roster.toggle()
                    continue
                case "x", "X":
                    guard before.roomTeams.isEmpty else {
                        said = "Mode salle : personne ne se connecte, il n'y a rien à fermer."
                        break
                    }
                    await room.command(.lock(!before.locked))
                    if await room.game.locked != before.locked {
                        said = before.locked ? "Jeu ouvert : de nouveaux joueurs peuvent entrer." : "Jeu fermé : plus personne de nouveau n'entre (x : ouvrir)."
                    }
                case "p": await room.command(.pauseOrResume)
                case "s": await room.command(.skip)
                case "e", "E":
                    if before.phase == .finished { break }
                    if wasArmed {
                        await room.command(.end)
                    } else {
                        endArmed = true
                        said = "Finir le quiz maintenant ? e encore une fois pour confirmer (une autre touche annule)."
                    }
                case "\u{1B}" where roster:
                    roster = false
                    continue
                case "l", "L":
                    second = SecondLanguage.next(after: second, before, content: room.content)
                    if let second, let name = room.content.language(second)?.endonym {
                        said = "Deuxième langue : \(name) (l : la suivante)."
                    } else if SecondLanguage.order(before, content: room.content).isEmpty {
                        said = "Personne ne joue dans une autre langue que le français."
                    } else {
                        said = "Français seulement (l : de nouveau les autres langues)."
                    }
                case "a", "A":
                    notice = (await readAloud(in: second), clock().adding(milliseconds: 4000), reader?.isSpeaking ?? false)
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
                // Every key shows what it did: a command the game refuses now (v in the lobby) says so.
                if said == nil, await room.game == before { said = "« \(Self.keyName(key)) » : rien à faire maintenant." }
                if let said { say(said) } else { notice = nil }
            }
            await room.tick()
            let game = await room.game
            let failures = await room.recordFailures
            let size = TerminalSize.current
            let style = TerminalStyle(width: size.width, height: size.height, color: ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            if let shown = notice, shown.reading ? !(reader?.isSpeaking ?? false) : clock().milliseconds > shown.until.milliseconds {
                notice = nil
            }
            let shownNotice = quitArmed ? "Ctrl-C encore une fois pour quitter." : notice?.text
            let room = ProjectorScreen.Room(address: address, code: self.room.settings.code, recordFailures: failures, typing: typing,
                                            notice: shownNotice, session: self.room.settings.session, roster: roster, qr: qr,
                                            second: second)
            // Laid out again for the terminal's size at every frame: the projector's window may be resized.
            let rows = ProjectorScreen(content: self.room.content, style: style).render(game, room: room, now: clock()).rows
            if rows != lastDrawn {
                lastDrawn = rows
                // No line end after the last row: on a screen exactly as tall as the frame it would scroll the
                // title row (the session id) off the top, as a pty capture with 60 players showed.
                let out = "\u{1B}[?25l\u{1B}[H\u{1B}[2J" + rows.prefix(size.height).joined(separator: "\r\n")
                FileHandle.standardOutput.write(Data(out.utf8))
            }
            // Cancellation (the server stopped) ends the sleep early; the loop's condition then ends the loop.
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}

extension QuizHost {
    /// Room mode: a key that is a team's letter or an answer's number (`b` then `3`); `pending` holds the letter
    /// typed before, with `?` before it when no team has it. Returns what the status line
    /// says, or nil for a key that is not the room's (a command, including the capitals A, E, K, L that stand for
    /// the commands whose lowercase letters are teams). Never says which answer a team gave: the room sees the
    /// projector, and the answers stay hidden until the reveal.
    func roomKey(_ key: Character, game: QuizGame, pending: inout String?) async -> String? {
        let letters = "A à \(QuizGame.roomLetter(game.roomTeams.count - 1))"
        if let letter = pending {
            if key == "\u{03}" {  // Ctrl-C still quits (twice), whatever was typed
                pending = nil
                return nil
            }
            pending = nil
            // A letter no team has, then its number (`d2` in a room of three): the number repeats why, rather than
            // hiding it under "the letter first".
            if letter.hasPrefix("?"), key.isASCII, key.wholeNumberValue != nil {
                return "Pas d'équipe « \(letter.dropFirst()) » : les équipes vont de \(letters). Rien d'enregistré."
            }
            if letter.hasPrefix("?") { return await roomKey(key, game: game, pending: &pending) }
            if let digit = key.wholeNumberValue, key.isASCII {
                let effects = await room.keyTeamAnswer(team: Character(letter), option: digit)
                return Self.describe(effects, letter: letter, game: game)
            }
            switch key {
            case "\u{1B}", "\u{7F}", "\u{08}": return "« \(letter.lowercased()) » annulé."
            default:
                if let team = Self.teamLetter(key, game: game) {
                    pending = team
                    return "« \(letter.lowercased()) » sans numéro : rien d'enregistré. Équipe \(team) : le numéro de sa réponse ?"
                }
                return "Après la lettre de l'équipe, le numéro de sa réponse (ex. \(letter.lowercased())2) : rien d'enregistré."
            }
        }
        if let team = Self.teamLetter(key, game: game) {
            pending = team
            let choices = game.currentIndex.map { game.questions[$0].choices.count }.map { " (1 à \($0))" } ?? ""
            return "Équipe \(team) : le numéro de sa réponse\(choices) ? Échap : annuler."
        }
        if key.isASCII, key.wholeNumberValue != nil {
            return "« \(key) » : d'abord la lettre de l'équipe, puis le numéro de sa réponse (ex. b\(key))."
        }
        // A lowercase letter that is neither a team nor a command: surely a team the room does not have.
        if key.isASCII, key.isLowercase, !"nvkrxpselaq".contains(key) {
            pending = "?" + key.uppercased()
            return "Pas d'équipe « \(key.uppercased()) » : les équipes vont de \(letters)."
        }
        return nil
    }

    /// The team a key names: its lowercase letter, or its capital unless that capital is a command's (A, E, K, L,
    /// V, R, X: so that a Caps Lock left on still keys the other teams).
    static func teamLetter(_ key: Character, game: QuizGame) -> String? {
        guard key.isASCII, key.isLetter, key.isLowercase || !"AEKLVRXNQPS".contains(key), game.roomTeam(key) != nil else { return nil }
        return key.uppercased()
    }

    /// What a keyed answer did, for the status line: that it counted, or was replaced, or why not.
    static func describe(_ effects: [QuizEffect], letter: String, game: QuizGame) -> String {
        for effect in effects {
            switch effect {
            case .teamAnswered(_, _, let choice, let replaced):
                guard let replaced else { return "Équipe \(letter) : réponse notée (\(letter.lowercased()) et un numéro pour la corriger)." }
                return replaced == choice ? "Équipe \(letter) : réponse notée de nouveau, la même."
                    : "Équipe \(letter) : réponse corrigée, la précédente est remplacée."
            case .refused(_, .unknownChoice):
                let count = game.currentIndex.map { game.questions[$0].choices.count } ?? 0
                return "Équipe \(letter) : pas de réponse de ce numéro (1 à \(count)) : rien d'enregistré."
            case .refused(_, .late): return "Réponses fermées : rien d'enregistré pour l'équipe \(letter)."
            case .refused(_, .noQuestionOpen): return "Pas de question ouverte : rien d'enregistré pour l'équipe \(letter)."
            case .refused(_, .gameOver): return "Le quiz est fini : rien d'enregistré."
            case .refused(_, let reason): return "Équipe \(letter) : rien d'enregistré (\(reason.rawValue))."
            default: continue
            }
        }
        return "Équipe \(letter) : rien d'enregistré."
    }

    /// `a`: the current question and its choices through this machine's audio output (the kiosk's eSpeak NG
    /// playback), in the second language shown (`l`) when a voice may read it, else in French, saying why; `a`
    /// again while it reads stops it. Returns what the projector says about it.
    func readAloud(in second: String? = nil) async -> String {
        guard let index = await room.game.currentIndex else { return "Pas de question à lire maintenant." }
        guard let reader else {
            noSound("eSpeak NG could not start for playback")
            return Self.noSoundNotice
        }
        if reader.isSpeaking {
            reader.stop()
            return "Lecture arrêtée."
        }
        // Pashto and Tigrinya have no voice: never a neighbour's voice reading them (SpeechVoice), French instead.
        let shown = second.flatMap { $0 == "fr" ? nil : room.content.language($0) }
        let language = shown.map(\.code).flatMap { reader.hasVoice($0) ? $0 : nil } ?? "fr"
        guard let spoken = room.content.spokenQuestion(index, language: language) else { return "Pas de question à lire maintenant." }
        let segments = spoken.text + spoken.choices.flatMap { $0 }
        // Starting playback may spawn a process or open a device: NIO's thread pool, not a cooperative thread.
        let outcome = try? await NIOThreadPool.singleton.runIfActive { reader.speak(segments, language: language, rate: .normal) }
        switch outcome {
        case .speaking?:
            if language != "fr", let shown {
                return "🔊 Lecture de la question \(index + 1) en \(shown.endonym)… (a : arrêter)"
            }
            if let shown {
                return "🔊 Lecture de la question \(index + 1) en français : pas de voix pour \(shown.endonym) ici… (a : arrêter)"
            }
            return "🔊 Lecture de la question \(index + 1) en français… (a : arrêter)"
        case .noVoice?:
            noSound("no voice for \(language) (is espeak-ng-data installed?)")
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

    /// A nickname or typed text inside a notice: one line, sanitised (the screen's layout sanitises again).
    static func shown(_ text: String) -> String {
        DisplayWidth.truncate(TerminalSanitizer.sanitizeLine(text), to: 24)
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
        /// The first bytes of a character whose last bytes have not arrived yet.
        var partial: [UInt8] = []
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
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) == 1, ready.revents & Int16(POLLIN) != 0 else { break }
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }  // end of input: no more keys, the loop goes on
            bytes += buffer[..<count]
        }
        return terminal.withLockedValue { terminal in
            let (keys, rest) = Self.decode(terminal.partial + bytes)
            terminal.partial = rest
            return keys
        }
    }

    /// UTF-8 into characters, one per scalar (a name typed for `k` may be Arabic or Tigrinya); an unfinished
    /// character at the end is returned to wait for its last bytes, a malformed byte becomes U+FFFD.
    static func decode(_ bytes: [UInt8]) -> (keys: [Character], rest: [UInt8]) {
        var keys: [Character] = []
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = switch lead {
            case 0x00...0x7F: 1
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 0
            }
            // A byte that cannot start a character, or a start not followed by continuation bytes: one U+FFFD, and
            // the next byte is read as a key of its own (a stray byte must not swallow the keys after it).
            let continued = bytes[(index + 1)..<min(bytes.count, index + max(1, length))].allSatisfy { (0x80...0xBF).contains($0) }
            guard length > 0, continued else { keys.append("\u{FFFD}"); index += 1; continue }
            if index + length > bytes.count { return (keys, Array(bytes[index...])) }
            var scalars = String.UnicodeScalarView()
            var decoder = UTF8()
            var iterator = bytes[index..<(index + length)].makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) { scalars.append(scalar) } else { scalars.append("\u{FFFD}") }
            keys.append(Character(String(scalars)))
            index += length
        }
        return (keys, [])
    }

    func stop() {
        terminal.withLockedValue { terminal in
            if terminal.raw { tcsetattr(STDIN_FILENO, TCSANOW, &terminal.saved) }
        }
    }
}
