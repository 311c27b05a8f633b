import AtelierContent
import AtelierEngine
import AtelierText

/// The terminal player's screens, with the kiosk's layout (wrapping, right to left, sanitising): pure.
public struct PlayerScreen: Sendable {
    public let strings: InterfaceStrings
    public let style: TerminalStyle

    public init(strings: InterfaceStrings, style: TerminalStyle) {
        self.strings = strings
        self.style = style
    }

    public func render(_ view: PlayerView, now: Instant) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        screen.line(screen.bold(strings.text("quiz.title")))
        screen.rule()
        var prompt = ""
        switch view.phase {
        case .connecting: screen.line("…")
        case .reconnecting: screen.line(strings.text("quiz.reconnecting"))
        case .lobby(let players):
            screen.line(strings.text("quiz.wait"))
            screen.line(strings.text("quiz.players", ["count": .number(Double(players))]))
        case .question(let question, let deadline):
            let seconds = max(0, (deadline.milliseconds - now.milliseconds + 999) / 1000)
            screen.line(strings.text("quiz.question", ["number": .number(Double(question.index + 1)), "total": .number(Double(question.total))])
                        + " · " + strings.text("quiz.seconds", ["seconds": .number(Double(seconds))]))
            screen.rows.append(screen.bar(Int(max(0, deadline.milliseconds - now.milliseconds)), of: question.seconds * 1000, width: screen.width))
            screen.blank()
            screen.paragraph(question.text, direction: question.dir)
            screen.blank()
            for choice in question.choices {
                let chosen = question.answered == choice.id ? "  ✔" : ""
                screen.keyed(choice.number, choice.text + chosen)
            }
            screen.blank()
            if question.answered != nil {
                screen.line(strings.text("quiz.answered"))
            } else {
                screen.line(strings.text("step.answer-number"))
                prompt = "> "
            }
        case .paused: screen.line(strings.text("quiz.paused"))
        case .closed: screen.line(strings.text("quiz.closed"))
        case .result(let result, let question):
            if result.skipped {
                screen.line(strings.text("quiz.skipped"))
            } else {
                screen.line(strings.text(result.choice == nil ? "quiz.no-answer" : result.right ? "quiz.right" : "quiz.wrong"))
                if let question {
                    let answer = question.choices.filter { result.correct.contains($0.id) }.map { "\($0.number) \($0.symbol) \($0.text)" }
                    screen.paragraph(strings.text("quiz.correct-was", ["answer": .string(answer.joined(separator: " / "))]))
                }
                screen.line("+" + strings.text("quiz.points", ["points": .number(Double(result.points))]))
            }
            if let explanation = result.explanation, !explanation.isEmpty {
                screen.blank()
                screen.paragraph(explanation)
            }
            screen.blank()
            screen.line(strings.text("quiz.points", ["points": .number(Double(result.score))]))
            if let rank = result.rank {
                screen.line(strings.text("quiz.rank", ["rank": .number(Double(rank)), "players": .number(Double(result.players))]))
            }
        case .end(let score, let rank, let players):
            screen.line(strings.text("quiz.end"))
            screen.line(strings.text("quiz.points", ["points": .number(Double(score))]))
            if let rank {
                screen.line(strings.text("quiz.rank", ["rank": .number(Double(rank)), "players": .number(Double(players))]))
            }
        case .kicked: screen.line(strings.text("quiz.kicked"))
        }
        if let message = view.error, case .error(let code, let retry, _) = message {
            screen.blank()
            screen.line("⚠ " + errorText(code, retryAfterMs: retry))
        }
        return Screen(rows: screen.rows, prompt: prompt)
    }

    /// The words the phone page gets from the host for the same error (`PhoneTexts`).
    public func errorText(_ code: QuizErrorCode, retryAfterMs: Int64?) -> String {
        PhoneTexts(strings: strings).error(code, retryAfterMs: code == .slowDown ? (retryAfterMs ?? 1000) : retryAfterMs)
    }
}
