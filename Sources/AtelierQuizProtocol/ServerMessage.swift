import AtelierText
import Foundation

/// A message from the host to one player. The host builds every one of them; the terminal client and the
/// tests decode them.
public enum ServerMessage: Sendable, Hashable {
    /// `listen`: the player's token for the question's sound files (`GET /api/listen`), nil when the host reads
    /// nothing aloud. A token of its own rather than the device's secret: it goes into URLs, and can only listen.
    case welcome(player: String, nickname: String, language: String, direction: TextDirection, rejoined: Bool, listen: String? = nil)
    case lobby(players: Int)
    case question(QuestionView)
    case ack(question: Int, choice: String)
    case paused(index: Int, remainingMs: Int64)
    /// The question's answers are locked (time is up, or the facilitator closed it); its `result` comes when the
    /// facilitator reveals it on the projector.
    case closed(index: Int)
    case result(ResultView)
    /// `rank`: nil when the host ranks nobody (its default, `atelier quiz host` without `--ranking`).
    case end(score: Int, rank: Int?, players: Int)
    /// `question`: the index the refused `answer` named, so that a client that sent answers to two questions
    /// knows which one this refusal is about; nil for errors that are not about an answer.
    case error(QuizErrorCode, retryAfterMs: Int64? = nil, question: Int? = nil)
    case kicked

    public struct QuestionView: Sendable, Hashable, Codable {
        public var index: Int
        public var total: Int
        public var seconds: Int
        public var remainingMs: Int64
        public var text: String
        public var dir: TextDirection
        public var answered: String?
        public var choices: [ChoiceView]

        public init(index: Int, total: Int, seconds: Int, remainingMs: Int64, text: String, dir: TextDirection, answered: String?,
                    choices: [ChoiceView]) {
            self.index = index
            self.total = total
            self.seconds = seconds
            self.remainingMs = remainingMs
            self.text = text
            self.dir = dir
            self.answered = answered
            self.choices = choices
        }
    }

    /// Number, symbol and colour follow the position only: "number 2, the blue diamond" is the same answer in
    /// every language of the room.
    public struct ChoiceView: Sendable, Hashable, Codable {
        public var id: String
        public var number: Int
        public var symbol: String
        public var color: String
        public var text: String

        /// The kiosk's keys (ScreenBuilder.symbols and colours): red ▲, blue ●, green ■, yellow ◆, magenta ★, cyan ✚.
        static let symbols = ["▲", "●", "■", "◆", "★", "✚"]
        static let colors = ["#c62828", "#1565c0", "#2e7d32", "#8d6e00", "#6a1b9a", "#00838f"]

        public init(id: String, position: Int, text: String) {
            self.id = id
            self.number = position + 1
            self.symbol = Self.symbols[position % Self.symbols.count]
            self.color = Self.colors[position % Self.colors.count]
            self.text = text
        }
    }

    public struct ResultView: Sendable, Hashable, Codable {
        public var index: Int
        public var skipped: Bool
        public var correct: [String]
        public var choice: String?
        public var right: Bool
        public var points: Int
        public var score: Int
        /// The player's place, shared with those of equal score (1, 1, 3); nil (absent from the frame) when the
        /// host ranks nobody.
        public var rank: Int?
        public var players: Int
        public var explanation: String?

        public init(index: Int, skipped: Bool, correct: [String], choice: String?, right: Bool, points: Int, score: Int, rank: Int?,
                    players: Int, explanation: String?) {
            self.index = index
            self.skipped = skipped
            self.correct = correct
            self.choice = choice
            self.right = right
            self.points = points
            self.score = score
            self.rank = rank
            self.players = players
            self.explanation = explanation
        }
    }
}

extension ServerMessage {
    public var encoded: String { encoded(texts: [:]) }

    /// The frame with `texts`: what the phone page says about this message (`"players": "14 joueurs"`), already
    /// formatted by the host in the player's language, which the page shows as it is (docs/quiz-protocol.md,
    /// "Texts"). `decode` leaves them out: the terminal client formats its own screens, with the same formatter.
    public func encoded(texts: [String: String]) -> String {
        var wire = Wire(v: QuizProtocol.version, type: type)
        if !texts.isEmpty { wire.texts = texts }
        switch self {
        case .welcome(let player, let nickname, let language, let direction, let rejoined, let listen):
            wire.player = player; wire.nickname = nickname; wire.language = language; wire.dir = direction
            wire.rejoined = rejoined; wire.listen = listen
        case .lobby(let players): wire.players = players
        case .question(let view): wire.question = view
        case .ack(let question, let choice): wire.questionIndex = question; wire.choice = choice
        case .paused(let index, let remainingMs): wire.index = index; wire.remainingMs = remainingMs
        case .closed(let index): wire.index = index
        case .result(let view): wire.result = view
        case .end(let score, let rank, let players): wire.score = score; wire.rank = rank; wire.players = players
        case .error(let code, let retryAfterMs, let question):
            wire.code = code; wire.retryAfterMs = retryAfterMs; wire.questionIndex = question
        case .kicked: break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The wire form holds only strings, integers and Booleans: encoding cannot fail; the fallback is still a
        // valid frame.
        return (try? String(decoding: encoder.encode(wire), as: UTF8.self)) ?? #"{"type":"error","v":1}"#
    }

    public var type: String {
        switch self {
        case .welcome: "welcome"
        case .lobby: "lobby"
        case .question: "question"
        case .ack: "ack"
        case .paused: "paused"
        case .closed: "closed"
        case .result: "result"
        case .end: "end"
        case .error: "error"
        case .kicked: "kicked"
        }
    }

    /// The client's side: nil for anything it does not understand (a newer host may send more).
    public static func decode(_ text: String) -> ServerMessage? {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(text.utf8)), wire.v == QuizProtocol.version else { return nil }
        switch wire.type {
        case "welcome":
            guard let player = wire.player, let nickname = wire.nickname, let language = wire.language else { return nil }
            return .welcome(player: player, nickname: nickname, language: language, direction: wire.dir ?? .leftToRight,
                            rejoined: wire.rejoined ?? false, listen: wire.listen)
        case "lobby": return wire.players.map { .lobby(players: $0) }
        case "question": return wire.question.map { .question($0) }
        case "ack":
            guard let question = wire.questionIndex, let choice = wire.choice else { return nil }
            return .ack(question: question, choice: choice)
        case "paused":
            guard let index = wire.index, let remaining = wire.remainingMs else { return nil }
            return .paused(index: index, remainingMs: remaining)
        case "closed": return wire.index.map { .closed(index: $0) }
        case "result": return wire.result.map { .result($0) }
        case "end":
            guard let score = wire.score, let players = wire.players else { return nil }
            return .end(score: score, rank: wire.rank, players: players)
        case "error": return wire.code.map { .error($0, retryAfterMs: wire.retryAfterMs, question: wire.questionIndex) }
        case "kicked": return .kicked
        default: return nil
        }
    }

    /// The flat JSON object of docs/quiz-protocol.md: a question's and a result's fields sit beside `v` and
    /// `type`, not under a key of their own.
    struct Wire: Codable {
        var v: Int
        var type: String
        var player: String?
        var nickname: String?
        var language: String?
        var dir: TextDirection?
        var rejoined: Bool?
        var listen: String?
        var players: Int?
        var question: ServerMessage.QuestionView?
        var result: ServerMessage.ResultView?
        var questionIndex: Int?
        var choice: String?
        var index: Int?
        var remainingMs: Int64?
        var score: Int?
        var rank: Int?
        var code: QuizErrorCode?
        var retryAfterMs: Int64?
        /// Encoded only: see `encoded(texts:)`.
        var texts: [String: String]?

        init(v: Int, type: String) {
            self.v = v
            self.type = type
        }

        enum Key: String, CodingKey {
            case v, type, player, nickname, language, dir, rejoined, listen, players, question, choice, index, remainingMs, score, rank, code
            case retryAfterMs, texts
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(v, forKey: .v)
            try container.encode(type, forKey: .type)
            try container.encodeIfPresent(player, forKey: .player)
            try container.encodeIfPresent(nickname, forKey: .nickname)
            try container.encodeIfPresent(language, forKey: .language)
            try container.encodeIfPresent(dir, forKey: .dir)
            try container.encodeIfPresent(rejoined, forKey: .rejoined)
            try container.encodeIfPresent(listen, forKey: .listen)
            try container.encodeIfPresent(players, forKey: .players)
            try container.encodeIfPresent(index, forKey: .index)
            try container.encodeIfPresent(remainingMs, forKey: .remainingMs)
            try container.encodeIfPresent(score, forKey: .score)
            try container.encodeIfPresent(rank, forKey: .rank)
            try container.encodeIfPresent(code, forKey: .code)
            try container.encodeIfPresent(retryAfterMs, forKey: .retryAfterMs)
            if let questionIndex { try container.encode(questionIndex, forKey: .question) }
            try container.encodeIfPresent(choice, forKey: .choice)
            try container.encodeIfPresent(texts, forKey: .texts)
            // The views' own fields go into the same object.
            try question?.encode(to: encoder)
            try result?.encode(to: encoder)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            v = try container.decode(Int.self, forKey: .v)
            type = try container.decode(String.self, forKey: .type)
            player = try container.decodeIfPresent(String.self, forKey: .player)
            nickname = try container.decodeIfPresent(String.self, forKey: .nickname)
            language = try container.decodeIfPresent(String.self, forKey: .language)
            dir = try container.decodeIfPresent(TextDirection.self, forKey: .dir)
            rejoined = try container.decodeIfPresent(Bool.self, forKey: .rejoined)
            listen = try container.decodeIfPresent(String.self, forKey: .listen)
            players = try container.decodeIfPresent(Int.self, forKey: .players)
            index = try container.decodeIfPresent(Int.self, forKey: .index)
            remainingMs = try container.decodeIfPresent(Int64.self, forKey: .remainingMs)
            score = try container.decodeIfPresent(Int.self, forKey: .score)
            rank = try container.decodeIfPresent(Int.self, forKey: .rank)
            code = try container.decodeIfPresent(QuizErrorCode.self, forKey: .code)
            retryAfterMs = try container.decodeIfPresent(Int64.self, forKey: .retryAfterMs)
            switch type {
            case "ack", "error":
                questionIndex = try container.decodeIfPresent(Int.self, forKey: .question)
                choice = try container.decodeIfPresent(String.self, forKey: .choice)
            case "question": question = try ServerMessage.QuestionView(from: decoder)
            case "result": result = try ServerMessage.ResultView(from: decoder)
            default: break
            }
        }
    }
}
