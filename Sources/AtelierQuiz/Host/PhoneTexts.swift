import AtelierContent
import AtelierText

/// What the phone page says, formatted by the host in one language with the kiosk's formatter (ICU
/// MessageFormat, plural forms included). The page has no formatter of its own: it shows these texts as they are
/// (docs/quiz-protocol.md, "Texts"). Pure.
struct PhoneTexts {
    let strings: InterfaceStrings

    /// The interface keys the page may show.
    static func isPhoneKey(_ key: String) -> Bool {
        key.hasPrefix("quiz.") || ["draft.label", "step.true", "step.false"].contains(key)
    }

    /// `GET /api/languages`' `strings`: the page's texts that take no argument, formatted once. A text with
    /// arguments (`quiz.players`, `quiz.rank` …) comes with the message that gives its values instead.
    func fixedTexts() -> [String: String] {
        var texts: [String: String] = [:]
        for key in strings.keys where Self.isPhoneKey(key) && !Self.takesArguments(strings.pattern(key)) {
            texts[key] = strings.text(key)
        }
        return texts
    }

    /// A pattern ICU cannot read counts as one without arguments: `text` then falls back to the French.
    static func takesArguments(_ pattern: String) -> Bool {
        guard pattern.contains("{") else { return false }
        guard case .success(let summary) = MessageFormatter.check(pattern) else { return false }
        return !summary.argumentNames.isEmpty
    }

    /// `GET /api/languages`' `countdown`: `quiz.seconds` for 0, 1 … `longest` seconds. The countdown runs on the
    /// phone, which picks the text of each second by its number: the plural forms stay the host's.
    func countdown(upTo longest: Int) -> [String] {
        (0...max(0, longest)).map { seconds($0) }
    }

    /// What the texts of `message` depend on, and nothing else: players of one language whose messages agree on it
    /// share one formatting. (Keyed by the whole message, a question's per-player countdown made the host format
    /// the same "Question 1 of 2" once per player, 2,000 times inside the room's actor while answers waited.)
    static func inputs(of message: ServerMessage) -> String {
        switch message {
        case .lobby(let players): "lobby \(players)"
        case .question(let view): "question \(view.index) \(view.total)"
        case .paused(_, let remainingMs): "paused \(wholeSeconds(remainingMs))"
        case .result(let view): "result \(view.score) \(view.rank ?? 0) \(view.players) \(view.skipped) \(view.points)"
        case .end(let score, let rank, let players): "end \(score) \(rank ?? 0) \(players)"
        case .error(let code, let retryAfterMs, _): "error \(code) \(retryAfterMs.map { wholeSeconds($0) } ?? -1)"
        case .welcome, .ack, .kicked, .closed: "none"
        }
    }

    /// The `texts` of a message to the page. `correctAnswers`: a result's correct choices, as the player's
    /// question showed them.
    func texts(for message: ServerMessage, correctAnswers: [String] = []) -> [String: String] {
        switch message {
        case .lobby(let players):
            return ["players": strings.text("quiz.players", ["count": Self.number(players)])]
        case .question(let view):
            return ["progress": strings.text("quiz.question", ["number": Self.number(view.index + 1), "total": Self.number(view.total)])]
        case .paused(_, let remainingMs):
            return ["seconds": seconds(Self.wholeSeconds(remainingMs))]
        case .result(let view):
            var texts = ["score": points(view.score)]
            if let rank = view.rank { texts["rank"] = self.rank(rank, of: view.players) }
            if !view.skipped {
                texts["gained"] = "+" + points(view.points)
                if !correctAnswers.isEmpty {
                    // Each answer isolated (FSI … PDI): an Arabic answer does not reorder a French sentence.
                    let answers = correctAnswers.map { "\u{2068}" + $0 + "\u{2069}" }.joined(separator: " / ")
                    texts["correct"] = strings.text("quiz.correct-was", ["answer": .string(answers)])
                }
            }
            return texts
        case .end(let score, let rank, let players):
            var texts = ["score": points(score)]
            if let rank { texts["rank"] = self.rank(rank, of: players) }
            return texts
        case .error(let code, let retryAfterMs, _):
            return ["error": error(code, retryAfterMs: retryAfterMs)]
        case .welcome, .ack, .kicked, .closed:
            return [:]
        }
    }

    /// An error in the player's words: `quiz.error.<code in kebab case>`, or `quiz.error.other` for a code
    /// without a text of its own; `slowDown` says how many seconds to wait.
    func error(_ code: QuizErrorCode, retryAfterMs: Int64?) -> String {
        let key = "quiz.error." + code.interfaceKey
        let arguments: [String: MessageArgument] = retryAfterMs.map { ["seconds": Self.number(Self.wholeSeconds($0))] } ?? [:]
        let text = strings.text(key, arguments)
        return text == key ? strings.text("quiz.error.other") : text
    }

    func seconds(_ count: Int) -> String { strings.text("quiz.seconds", ["seconds": Self.number(count)]) }
    func points(_ count: Int) -> String { strings.text("quiz.points", ["points": Self.number(count)]) }
    func rank(_ rank: Int, of players: Int) -> String {
        strings.text("quiz.rank", ["rank": Self.number(rank), "players": Self.number(players)])
    }

    static func number(_ value: Int) -> MessageArgument { .number(Double(value)) }

    /// Milliseconds as the seconds a countdown shows: rounded up, never below zero.
    static func wholeSeconds(_ milliseconds: Int64) -> Int { Int((max(0, milliseconds) + 999) / 1000) }
}
