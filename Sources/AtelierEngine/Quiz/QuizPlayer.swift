/// A participant in a group quiz.
public struct QuizPlayer: Hashable, Sendable {
    public var id: String
    /// Sanitised by the shell; unique in the game by matching key and by confusable skeleton (no look-alike of
    /// another player, in any script).
    public var nickname: String
    public var language: String
    public var team: Int?
    public var connected: Bool
    public var points: Int
    /// The kiosk participant behind this player, when they joined with their profile.
    public var participant: String?
}

/// One answer to one question.
public struct QuizAnswer: Hashable, Sendable {
    public var player: String
    public var choice: String
    public var correct: Bool
    public var points: Int
    /// From the question's opening to the answer, as the server measured it.
    public var milliseconds: Int64
    public var language: String
    /// The facilitator skipped the question after this answer: kept as given, worth nothing.
    public var skipped: Bool

    public init(player: String, choice: String, correct: Bool, points: Int, milliseconds: Int64, language: String,
                skipped: Bool = false) {
        self.player = player
        self.choice = choice
        self.correct = correct
        self.points = points
        self.milliseconds = milliseconds
        self.language = language
        self.skipped = skipped
    }
}
