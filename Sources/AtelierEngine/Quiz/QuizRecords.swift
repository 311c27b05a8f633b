/// What the group quiz asks of the data file: its answers written in groups, and a kiosk profile behind a
/// join. The quiz host knows only this; the program hands it the SQLite store.
public protocol QuizRecords: Sendable {
    /// Answers that arrived together, in one durable transaction.
    func recordQuizAnswers(session: String, module: String, _ records: [QuizAnswerRecord]) throws
    /// The facilitator skipped a question: its answers, kept, count for nobody.
    func recordQuizSkip(session: String, questionIndex: Int, at now: Instant) throws
    /// The participant's id when the pseudonym and PIN match a kiosk profile (slow on purpose: PBKDF2).
    func quizSignIn(pseudonym: String, pin: String?, at now: Instant) throws -> Result<String, KioskProfileProblem>
}

/// One quiz answer as the data file records it.
public struct QuizAnswerRecord: Sendable, Hashable {
    public var questionIndex: Int
    public var stepID: String
    public var answer: QuizAnswer
    /// The kiosk participant, when the player joined with their pseudonym and PIN.
    public var participant: String?
    public var at: Instant

    public init(questionIndex: Int, stepID: String, answer: QuizAnswer, participant: String?, at: Instant) {
        self.questionIndex = questionIndex
        self.stepID = stepID
        self.answer = answer
        self.participant = participant
        self.at = at
    }
}
