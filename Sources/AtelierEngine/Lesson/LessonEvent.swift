/// What happened, as the lesson engine hears it. Time and randomness come in here, never from a clock.
public enum LessonEvent: Hashable, Sendable {
    /// A participant opens the module. Completed modules with a review queue start a review.
    case started(language: String, seed: UInt64, previous: SavedProgress?, at: Instant)
    /// The same participant comes back to a module in progress (after a logout, a crash, a power cut).
    case resumed(SavedProgress, language: String, at: Instant)
    case answerSubmitted(Answer, at: Instant)
    case hintRequested
    case backRequested(at: Instant)
    case continueRequested(at: Instant)
    case languageChanged(String)
    case frenchToggled
    case idleTimeoutElapsed(at: Instant)
}

extension LessonEvent {
    /// When it happened, for the events that say.
    var time: Instant? {
        switch self {
        case .started(_, _, _, let at), .resumed(_, _, let at), .answerSubmitted(_, let at), .backRequested(let at),
             .continueRequested(let at), .idleTimeoutElapsed(let at):
            return at
        case .hintRequested, .languageChanged, .frenchToggled:
            return nil
        }
    }
}

/// What the shell must do after an event: values, never actions taken by the engine itself.
public enum LessonEffect: Hashable, Sendable {
    /// Draw the current state.
    case render
    /// Append to the attempts log (one durable transaction).
    case recordAttempt(Attempt)
    case saveProgress(SavedProgress)
    case completed(LessonSummary)
    /// The session is over (the idle timeout logged the participant out).
    case ended
}

/// One attempt, as the attempts log keeps it.
public struct Attempt: Hashable, Sendable, Codable {
    public var moduleID: String
    public var moduleVersion: Int
    public var stepID: String
    public var stepKind: String
    /// Choice ids, option id, order or pairs, or the typed text; nil for an open answer kept private.
    public var response: String?
    public var correct: Bool?
    public var credit: Double?
    public var attempt: Int
    public var hintUsed: Bool
    public var milliseconds: Int64
    public var language: String
    public var review: Bool
    public var at: Instant

    public init(moduleID: String, moduleVersion: Int, stepID: String, stepKind: String, response: String?, correct: Bool?,
                credit: Double?, attempt: Int, hintUsed: Bool, milliseconds: Int64, language: String, review: Bool,
                at: Instant) {
        self.moduleID = moduleID
        self.moduleVersion = moduleVersion
        self.stepID = stepID
        self.stepKind = stepKind
        self.response = response
        self.correct = correct
        self.credit = credit
        self.attempt = attempt
        self.hintUsed = hintUsed
        self.milliseconds = milliseconds
        self.language = language
        self.review = review
        self.at = at
    }
}
