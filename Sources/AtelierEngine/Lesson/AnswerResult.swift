/// The outcome of one attempt at a question.
public struct AnswerResult: Hashable, Sendable, Codable {
    public var correct: Bool
    /// From 0 to 1: order and match questions give partial credit.
    public var credit: Double
    /// Ids whose feedback to show: the choices chosen, or "true"/"false", or the scenario option.
    public var feedbackFor: [String]
    /// Order items or match pairs not where they belong.
    public var misplaced: [String]
    /// What the participant typed, for an input step: the feedback shows it back.
    public var typed: String? = nil

    public init(correct: Bool, credit: Double, feedbackFor: [String] = [], misplaced: [String] = []) {
        self.correct = correct
        self.credit = credit
        self.feedbackFor = feedbackFor
        self.misplaced = misplaced
    }
}
