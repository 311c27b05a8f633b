import AtelierContent
import AtelierEngine
import AtelierQuiz
import AtelierQuizProtocol
import AtelierTerminal
import AtelierText
import Foundation
import NIOConcurrencyHelpers

/// `atelier quiz join URL`: a kiosk terminal as a player. The network runs in tasks and folds the host's
/// messages into a `PlayerView`; the terminal (readline, one thread) draws it and sends what is typed.
///
/// The terminal has a thread of its own because readline blocks in read(2): on Swift's cooperative pool (two
/// threads here) it would hold one for the whole game. What both sides share is one lock (`NIOLockedValueBox`).
public final class QuizJoinShell: Sendable {
    let url: String
    let content: KioskContent
    let style: @Sendable (Int, Int) -> TerminalStyle

    private struct Shared {
        var view = PlayerView()
        var revision = 0
        var connection: QuizConnection?
        var request: ClientMessage.JoinRequest?
    }

    private let shared = NIOLockedValueBox(Shared())

    public init(url: String, content: KioskContent, style: @escaping @Sendable (Int, Int) -> TerminalStyle) {
        self.url = url
        self.content = content
        self.style = style
    }

    @Sendable static func now() -> Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    public func run(language: String?, nickname: String?, code: String?) async {
        let io = TerminalIO()
        defer { io.restore() }
        let chosen = language.flatMap { code in content.languages.first { $0.code == code } } ?? pickLanguage(io)
        let strings = content.strings(chosen)
        let device = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        var join = ClientMessage.JoinRequest(code: code ?? "", nickname: nickname ?? "", language: chosen.code, device: device)
        if join.nickname.isEmpty { join.nickname = ask(io, strings, "quiz.join.nickname") }
        if join.code.isEmpty { join.code = ask(io, strings, "quiz.join.code") }
        shared.withLockedValue { $0.request = join }
        let network = Task { await self.connect() }
        // The terminal belongs to this one thread from now on.
        nonisolated(unsafe) let terminal = io
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread { self.screenLoop(terminal, strings); done.resume() }
            thread.start()
        }
        network.cancel()
        shared.withLockedValue { $0.connection }?.close()
    }

    /// Connects, and connects again (same device: the same player) until the game is over for this player.
    func connect() async {
        while !Task.isCancelled {
            let connection = QuizConnection(url: url)
            let join = shared.withLockedValue { shared -> ClientMessage.JoinRequest? in
                shared.connection = connection
                return shared.request
            }
            if let join { connection.send(.join(join)) }
            // A connection that fails is retried below ("reconnecting" on screen); its error changes nothing here.
            async let running: Void? = try? connection.run()
            for await message in connection.messages {
                update { $0.receive(message, at: Self.now()) }
            }
            _ = await running
            let over = shared.withLockedValue { $0.view.isOver }
            if over { return }
            update { $0.disconnected() }
            try? await Task.sleep(for: .seconds(2))  // cancellation only: the loop's condition then ends it
        }
    }

    func update(_ change: (inout PlayerView) -> Void) {
        shared.withLockedValue { shared in
            change(&shared.view)
            shared.revision += 1
        }
    }

    /// Draws when something changed (and every second of a countdown); sends the typed answers.
    func screenLoop(_ io: TerminalIO, _ strings: InterfaceStrings) {
        var drawn = -1
        var typed = ""
        var lastSecond: Int64 = -1
        while true {
            let (view, revision) = shared.withLockedValue { ($0.view, $0.revision) }
            if !view.hasJoined, let error = view.error, case .error(let code, _, _) = error,
               [.wrongCode, .nicknameEmpty, .nicknameTaken, .nicknameLookAlike, .full].contains(code) {
                let size = io.size
                let screen = PlayerScreen(strings: strings, style: style(size.width, size.height)).render(view, now: Self.now())
                io.draw(screen)
                guard var join = shared.withLockedValue({ $0.request }) else { return }
                if code == .wrongCode { join.code = ask(io, strings, "quiz.join.code", redraw: false) } else {
                    join.nickname = ask(io, strings, "quiz.join.nickname", redraw: false)
                }
                let connection = shared.withLockedValue { shared in
                    shared.view.error = nil
                    shared.request = join
                    return shared.connection
                }
                connection?.send(.join(join))
                continue
            }
            let second = Self.now().milliseconds / 1000
            if revision != drawn || second != lastSecond {
                drawn = revision
                lastSecond = second
                let size = io.size
                io.draw(PlayerScreen(strings: strings, style: style(size.width, size.height)).render(view, now: Self.now()))
            }
            if view.isOver {
                Thread.sleep(forTimeInterval: 3)
                return
            }
            let prompt = view.choice(typed: "1") != nil ? "> " : ""
            let (input, keep) = io.read(prompt: prompt, keeping: typed, within: 0.2)
            typed = keep
            if case .line(let line) = input {
                typed = ""
                if let choice = view.choice(typed: line), case .question(let question, _) = view.phase {
                    shared.withLockedValue { $0.connection }?.send(.answer(question: question.index, choice: choice))
                }
                drawn = -1
            }
        }
    }

    func pickLanguage(_ io: TerminalIO) -> LanguageInfo {
        let languages = content.languages
        while true {
            var rows = ["Atelier · Quiz", ""]
            for (index, language) in languages.enumerated() {
                rows += TextLayout(width: 60, direction: .forced(language.direction)).lines("\(index + 1). \(language.endonym)")
            }
            io.draw(Screen(rows: rows))
            if case .line(let line) = io.read(prompt: "> ", within: 3600).0,
               let number = Int(line.trimmingCharacters(in: .whitespaces)), number >= 1, number <= languages.count {
                return languages[number - 1]
            }
        }
    }

    func ask(_ io: TerminalIO, _ strings: InterfaceStrings, _ key: String, redraw: Bool = true) -> String {
        while true {
            if redraw {
                let size = io.size
                var screen = ScreenBuilder(style: style(size.width, size.height), direction: strings.language.direction)
                screen.line(screen.bold(strings.text("quiz.title")))
                screen.rule()
                screen.line(strings.text(key))
                io.draw(Screen(rows: screen.rows))
            } else {
                // Under the error already on screen; laid out like the rest (an Arabic prompt reordered and shaped).
                let size = io.size
                var prompt = ScreenBuilder(style: style(size.width, size.height), direction: strings.language.direction)
                prompt.line(strings.text(key))
                io.write(prompt.rows.map { $0 + "\r\n" }.joined())
            }
            if case .line(let line) = io.read(prompt: "> ", within: 3600).0 {
                let value = line.trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
    }
}
