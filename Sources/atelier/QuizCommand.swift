import ArgumentParser
import AtelierContent
import AtelierEngine
import AtelierLog
import AtelierQuiz
import AtelierSpeech
import AtelierStore
import AtelierText
import AtelierTerminal
import Foundation
import NIOConcurrencyHelpers

struct QuizCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Group quizzes: the facilitator hosts, every participant answers from a phone or a kiosk.",
        subcommands: [Host.self, Join.self]
    )

    struct Host: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "host",
            abstract: "Host a quiz on this machine: its terminal is the projector view; phones open the address shown.")

        @Argument(help: "The module whose quiz questions are asked.")
        var module: String

        @Option(help: "The port phones connect to.")
        var port: Int = 8080

        @Option(help: "Only these questions, in this order (step ids, comma-separated).")
        var questions: String?

        @Option(help: "Seconds per question (default: each question's own time).")
        var time: Int?

        @Option(help: "accuracy: 1000 points per right answer; speed: 500 to 1000, faster earns more.")
        var scoring: QuizGame.Scoring = .accuracy

        @Option(help: "Split the players into N teams (compared by their average points: needs --ranking).")
        var teams: Int = 0

        @Option(name: .customLong("room"), help: "A room without phones: N teams (A, B, C…, at most 12) answer aloud and the facilitator keys each answer on this terminal, b3 for team B's third choice. Nothing listens on the network.")
        var roomTeams: Int?

        @Flag(help: "Rank the players: a leaderboard after each question, a podium at the end, each phone its place. Without it (the workshop default) the room sees how many got it right and which wrong answers were chosen, and each phone its own result only.")
        var ranking = false

        @Option(help: "The address to listen on (default: every interface).")
        var bind: String = "0.0.0.0"

        @Option(help: "The address phones must open (default: this machine's address on the local network).")
        var address: String?

        @Option(name: .customLong("max-players"), help: "Players the host accepts.")
        var maxPlayers: Int = 5000

        @Option(name: .customLong("connections-per-second"),
                help: "New connections one address may open per second, after a first 64 (this machine itself is not limited).")
        var connectionsPerSecond: Int = 5

        @OptionGroup var content: ContentOptions
        @OptionGroup var data: DataOptions

        @Option(help: "The host's log (default: atelier-quiz.log beside the data file): failures only, never players.")
        var log: String?

        @Option(help: "The projector's QR code. colors: black on white whatever the terminal's colours (the default, unless NO_COLOR is set); light or dark: without colour escapes, for a terminal with a light or a dark background (the default with NO_COLOR: dark).")
        var qr: QRCode.Drawing?

        func validate() throws {
            guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
            if let time, !(5...300).contains(time) { throw ValidationError("--time must be between 5 and 300 seconds") }
            guard (0...12).contains(teams) else { throw ValidationError("--teams must be between 0 and 12") }
            // Teams are compared by their points: a ranking the facilitator asks for, not one the default shows.
            if teams > 0, !ranking { throw ValidationError("--teams ranks the teams: add --ranking") }
            if let roomTeams {
                guard (1...QuizGame.maxRoomTeams).contains(roomTeams) else {
                    throw ValidationError("--room must be between 1 and \(QuizGame.maxRoomTeams) teams (A to L): got \(roomTeams)")
                }
                // --teams shares phone players among teams; a room's teams are its own players.
                if teams > 0 { throw ValidationError("--room makes the teams itself (A, B, C…): leave out --teams") }
            }
            guard maxPlayers >= 1 else { throw ValidationError("--max-players must be at least 1") }
            guard connectionsPerSecond >= 1 else { throw ValidationError("--connections-per-second must be at least 1") }
        }

        func run() async throws {
            // The phones' page is read from the files beside the binary: a copy without them stops here, saying so
            // (a room without phones does not need it).
            if roomTeams == nil, case .failure(let error) = PhonePage.bundled {
                StandardStreams.writeError("atelier quiz host: \(TerminalText.line(error.description))\n")
                throw ExitCode(1)
            }
            let ids = questions.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let session = "quiz-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let code = String(Int.random(in: 1000...9999))
            let logPath = log ?? URL(fileURLWithPath: data.path).deletingLastPathComponent().appendingPathComponent("atelier-quiz.log").path
            let logFile = LogFile(path: logPath)
            let logger = logFile.logger("atelier.quiz")
            let shown = address ?? "http://\(LocalAddress.lan() ?? "127.0.0.1"):\(port)"
            // Everything the game needs but the page does not: the module read and checked in every language, the
            // data file, eSpeak NG. With phones, it is made while the server already listens and serves the page
            // (issue #24); in a room without phones, before the projector starts.
            let opened = OpenedStore()
            // The options the closure needs, as values (the command itself is not Sendable).
            let (repository, module, time, data, scoring, teams, ranking, roomTeams, maxPlayers, qr) =
                (content.repository, module, time, data, scoring, teams, ranking, roomTeams, maxPlayers, qr)
            let prepare: @Sendable () async throws -> QuizHost = {
                let quiz: QuizContent
                switch QuizContent.load(repository: repository, module: module, only: ids, seconds: time) {
                case .success(let loaded): quiz = loaded
                case .failure(let error):
                    StandardStreams.writeError("atelier quiz host: \(Self.describe(error))\n")
                    throw ExitCode(2)
                }
                let store = try ProgressCommand.open(data)
                opened.store.withLockedValue { $0 = store }
                try store.startQuiz(id: session, module: quiz.module.id, scoring: scoring.rawValue,
                                    questions: quiz.questions.map(\.stepID), at: Self.now())
                let recorder = QuizRecorder(store: store, session: session, module: quiz.module.id, logger: logFile.logger("atelier.quiz.recorder"))
                // The phones' listen buttons: WAV files synthesised here, into memory. Without eSpeak NG the page hides
                // the buttons; the reason is logged once, here.
                let synthesis = roomTeams == nil ? ESpeakSpeech(mode: .memory) : nil
                if synthesis == nil, roomTeams == nil {
                    logger.warning("read-aloud: \(ESpeakSpeech.Failure.unavailable.description): the phones show no listen button")
                }
                let speech = synthesis.map { SpeechCache(speech: $0) }
                let room = QuizRoom(content: quiz, settings: .init(code: code, session: session, maxPlayers: maxPlayers, readAloud: speech != nil),
                                    scoring: scoring, teams: teams, ranking: ranking,
                                    room: (0..<(roomTeams ?? 0)).map { "Équipe \(QuizGame.roomLetter($0))" }, recorder: recorder, clock: Self.now)
                // The projector's `a` key (à voix haute): this same binary, as a child process that plays through the
                // audio output.
                let reader = ReadAloudProcess(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path)
                return QuizHost(room: room, address: shown, recorder: recorder, clock: Self.now, logger: logger, reader: reader, speech: speech, qr: qr)
            }
            if roomTeams != nil {
                try await prepare().runRoom()
            } else {
                let pending = PendingRoom()
                do {
                    try await QuizHost.serve(pending: pending, host: bind, port: port,
                                             limits: .init(newConnectionsPerSecond: connectionsPerSecond), logger: logger,
                                             prepare: prepare)
                } catch QuizHost.StartFailure.prepare(let error) {
                    // A module with errors was explained above; any other failure (a data file that does not open) is
                    // thrown as it was before the server listened first, for ArgumentParser to print.
                    throw error
                } catch QuizHost.StartFailure.server(let error) {
                    StandardStreams.writeError("atelier quiz host: cannot serve on \(bind):\(port) (\(error))\n")
                    throw ExitCode(1)
                }
            }
            guard let store = opened.store.withLockedValue({ $0 }) else { return }
            do {
                try store.endQuiz(id: session, at: Self.now())
            } catch {
                // The answers are written; only the session's end time is missing from the export.
                StandardStreams.writeError("atelier quiz host: the session's end could not be written (\(TerminalText.line(error.description)))\n")
                throw ExitCode(1)
            }
            // The projector showed the session's id; said again where it stays, for the export.
            StandardStreams.writeError("atelier quiz host: this game's answers: atelier progress export --session \(session)\n")
        }

        @Sendable static func now() -> Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

        static func describe(_ error: QuizContent.LoadError) -> String {
            switch error {
            case .unknownModule(let id, let available):
                return "no module '\(TerminalText.line(id))' in the lessons (available: \(available.joined(separator: ", ")))"
            case .refused(let id, let reasons):
                return reasons.map { TerminalText.line($0.description) }.joined(separator: "\n")
                    + "\nthe module '\(TerminalText.line(id))' has errors: no participant sees it, in the kiosk or in a quiz, until they are fixed"
            case .unknownQuestions(let ids): return "no step \(ids.map { "'\(TerminalText.line($0))'" }.joined(separator: ", ")) in the module"
            case .noQuestions(let id): return "module '\(id)' has no quiz questions (mark choice or true/false steps with `quiz: {time: N}`)"
            }
        }
    }
}

/// The data file `prepare` opened, for the session's end once the game is over (nil when it never opened).
final class OpenedStore: Sendable {
    let store = NIOLockedValueBox<ProgressStore?>(nil)
}

extension QuizGame.Scoring: ExpressibleByArgument {}
extension QRCode.Drawing: ExpressibleByArgument {}

/// This machine's IPv4 address on the local network: what phones must open.
enum LocalAddress {
    static func lan() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int32(entry.pointee.ifa_flags)
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == UInt16(AF_INET),
                  flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0 else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
                return String(cString: host)
            }
        }
        return nil
    }
}

extension QuizCommand {
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "join",
            abstract: "Join a quiz from this terminal, as a player (the address the projector shows).")

        @Argument(help: "The host's address, e.g. http://192.168.1.20:8080")
        var url: String

        @Option(help: "Your language code (default: ask).")
        var lang: String?

        @Option(help: "Your nickname in the game (default: ask).")
        var nickname: String?

        @Option(help: "The game code (default: ask).")
        var code: String?

        @OptionGroup var content: ContentOptions

        @Option(help: "app: Atelier reorders right-to-left text; terminal: the terminal does bidi (VTE, mlterm).")
        var bidi: BidiMode = .app

        func run() async throws {
            guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
                StandardStreams.writeError("atelier quiz join needs a terminal\n")
                throw ExitCode(2)
            }
            let kiosk = KioskContent.load(content.repository, modules: false)
            let color = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            let bidi = self.bidi
            let shell = QuizJoinShell(url: url, content: kiosk) { width, height in
                TerminalStyle(width: width, height: height, color: color, bidi: bidi)
            }
            await shell.run(language: lang, nickname: nickname, code: code)
        }
    }
}
