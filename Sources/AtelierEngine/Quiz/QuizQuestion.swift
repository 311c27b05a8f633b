import AtelierContent

/// One question of a group quiz: the same choices, in the same order, with the same keys for everyone,
/// whatever their language ("number 2, the triangle").
public struct QuizQuestion: Hashable, Sendable {
    public var stepID: String
    public var choices: [String]
    public var correct: Set<String>
    public var seconds: Int

    public init(stepID: String, choices: [String], correct: Set<String>, seconds: Int) {
        self.stepID = stepID
        self.choices = choices
        self.correct = correct
        self.seconds = seconds
    }

    /// The module's questions marked for group quizzes (`quiz: {time: N}`), or those named, in that order;
    /// `seconds` overrides every time limit when given.
    public static func questions(of module: Module, only ids: [String]? = nil, seconds: Int? = nil) -> [QuizQuestion] {
        let steps = ids.map { $0.compactMap(module.step) } ?? module.steps.filter { $0.quiz != nil }
        return steps.compactMap { step in
            let time = seconds ?? step.quiz?.seconds ?? 30
            switch step.content {
            case .choice(_, let choices, let correct):
                return QuizQuestion(stepID: step.id, choices: choices.map(\.id), correct: Set(correct), seconds: time)
            case .trueFalse(_, let answer, _):
                return QuizQuestion(stepID: step.id, choices: ["true", "false"], correct: [answer ? "true" : "false"],
                                    seconds: time)
            default:
                return nil
            }
        }
    }
}
