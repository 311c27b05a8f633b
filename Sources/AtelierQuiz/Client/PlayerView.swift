import AtelierEngine

/// What a terminal player sees, folded from the host's messages: a pure state machine, like the game.
public struct PlayerView: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        case connecting
        case lobby(players: Int)
        /// `deadline` is the local time the countdown ends (the host's remaining time, from reception).
        case question(ServerMessage.QuestionView, deadline: Instant)
        case paused
        /// Answers are locked; the result comes when the facilitator reveals it.
        case closed
        case result(ServerMessage.ResultView, question: ServerMessage.QuestionView?)
        case end(score: Int, rank: Int?, players: Int)
        case kicked
        case reconnecting
    }

    public var phase: Phase = .connecting
    public var player: String?
    public var error: ServerMessage?
    /// The last question seen, to name the right answer on the result screen.
    var lastQuestion: ServerMessage.QuestionView?

    public init() {}

    public var hasJoined: Bool { player != nil }

    /// Whether the game is over for this player (no reconnecting).
    public var isOver: Bool {
        switch phase {
        case .end, .kicked: true
        default: false
        }
    }

    public mutating func receive(_ message: ServerMessage, at now: Instant) {
        switch message {
        case .welcome(let player, _, _, _, _, _):
            self.player = player
            error = nil
        case .lobby(let players): phase = .lobby(players: players)
        case .question(let view):
            lastQuestion = view
            phase = .question(view, deadline: now.adding(milliseconds: view.remainingMs))
        case .ack(let index, let choice):
            if case .question(var view, let deadline) = phase, view.index == index {
                view.answered = choice
                phase = .question(view, deadline: deadline)
            }
        case .paused: phase = .paused
        case .closed: phase = .closed
        case .result(let result): phase = .result(result, question: lastQuestion?.index == result.index ? lastQuestion : nil)
        case .end(let score, let rank, let players): phase = .end(score: score, rank: rank, players: players)
        case .kicked: phase = .kicked
        case .error: error = message
        }
    }

    public mutating func disconnected() {
        if !isOver { phase = .reconnecting }
    }

    /// The choice a typed number stands for, when a question is open and not answered yet.
    public func choice(typed: String) -> String? {
        guard case .question(let view, _) = phase, view.answered == nil else { return nil }
        let digits = String(typed.unicodeScalars.compactMap { scalar -> Character? in
            // Digits of any script: a participant may type ٢ or ۲.
            guard let value = Int(String(scalar)) ?? Self.digitValue(scalar) else { return nil }
            return Character(String(value))
        })
        guard let number = Int(digits), number >= 1, number <= view.choices.count else { return nil }
        return view.choices[number - 1].id
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        guard let value = scalar.properties.numericValue, scalar.properties.numericType == .decimal else { return nil }
        return Int(value)
    }
}
