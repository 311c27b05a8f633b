/// One screen of a module.
public struct Step: Sendable {
    public var id: String
    public var title: String?
    public var hint: String?
    /// Shown after the last attempt.
    public var explanation: String?
    /// Glossary terms to show on this screen.
    public var glossary: [String]
    /// Usable in a group quiz, with its time limit.
    public var quiz: QuizUse?
    /// Where to go after this step (otherwise the next one in the list).
    public var next: String?
    /// Attempts allowed (the engine's default when nil).
    public var attempts: Int?
    /// Shown only when this holds; skipped otherwise.
    public var condition: Condition?
    public var content: StepContent
    public var location: SourceLocation
    /// A made-up worked example (`example: true`): its numbers are not facts.
    public var isExample: Bool = false
    /// The fact an input step's number answer comes from (`number: {fact: ID}`); its value is already in `content`.
    public var numberFact: String?

    public struct QuizUse: Sendable, Equatable {
        public var seconds: Int
    }

    /// A condition on an earlier answer.
    public enum Condition: Sendable, Equatable {
        case answered(step: String, correct: Bool)
        case chose(step: String, option: String)

        public var step: String {
            switch self {
            case .answered(let step, _), .chose(let step, _): return step
            }
        }
    }

    public init(id: String, title: String? = nil, hint: String? = nil, explanation: String? = nil,
                glossary: [String] = [], quiz: QuizUse? = nil, next: String? = nil, attempts: Int? = nil,
                condition: Condition? = nil, content: StepContent, location: SourceLocation) {
        self.id = id
        self.title = title
        self.hint = hint
        self.explanation = explanation
        self.glossary = glossary
        self.quiz = quiz
        self.next = next
        self.attempts = attempts
        self.condition = condition
        self.content = content
        self.location = location
    }
}
