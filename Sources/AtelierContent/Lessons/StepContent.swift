/// What a step shows and asks.
public enum StepContent: Sendable {
    /// An explanation page.
    case text(body: String)
    /// One or several right answers among choices; `correct` holds choice ids.
    case choice(prompt: String, choices: [Choice], correct: [String])
    case trueFalse(statement: String, answer: Bool, feedback: [Bool: String])
    /// A typed answer: accepted French answers (translations may add their own), or a number.
    case input(prompt: String, accept: [String], typos: Bool, number: NumberAnswer?)
    /// Items written in the right order; the kiosk shuffles them.
    case order(prompt: String, items: [Item])
    /// French terms to pair with their meanings.
    case match(prompt: String, pairs: [Pair])
    /// A situation whose options lead to different steps; no single right answer.
    case scenario(situation: String, options: [Option])
    /// An open question, not scored.
    case reflection(prompt: String)

    public struct Choice: Sendable, Equatable {
        public var id: String
        public var text: String
        public var feedback: String?
    }

    public struct NumberAnswer: Sendable, Equatable {
        public var value: Double
        public var tolerance: Double

        public init(value: Double, tolerance: Double) {
            self.value = value
            self.tolerance = tolerance
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: String
        public var text: String
    }

    public struct Pair: Sendable, Equatable {
        public var id: String
        /// Kept in French in every language.
        public var term: String
        public var meaning: String
    }

    public struct Option: Sendable, Equatable {
        public var id: String
        public var text: String
        public var feedback: String?
        public var next: String?
    }

    /// The step's type, as authors write it.
    public var type: StepType {
        switch self {
        case .text: .text
        case .choice: .choice
        case .trueFalse: .trueFalse
        case .input: .input
        case .order: .order
        case .match: .match
        case .scenario: .scenario
        case .reflection: .reflection
        }
    }

    /// The type's name as stored with each attempt and in exports.
    public var kind: String { type.rawValue }

    /// Scored questions: they have a right answer.
    public var isQuestion: Bool {
        switch self {
        case .choice, .trueFalse, .input, .order, .match: true
        case .text, .scenario, .reflection: false
        }
    }
}

/// The step types of the lesson format (docs/lesson-format.md), by the name authors write after `type:`. One
/// enum, switched over exhaustively by the loader: a new type cannot be half added.
public enum StepType: String, CaseIterable, Sendable {
    case text, choice
    case trueFalse = "truefalse"
    case input, order, match, scenario, reflection

    /// The fields a step of this type may have beside the common ones, and those it must have.
    public var fields: (known: [String], required: [String]) {
        switch self {
        case .text: (["body"], ["body"])
        case .choice: (["prompt", "choices", "answer"], ["prompt", "choices", "answer"])
        case .trueFalse: (["statement", "answer", "feedback"], ["statement", "answer"])
        case .input: (["prompt", "accept", "typos", "number"], ["prompt"])
        case .order: (["prompt", "items"], ["prompt", "items"])
        case .match: (["prompt", "pairs"], ["prompt", "pairs"])
        case .scenario: (["situation", "options"], ["situation", "options"])
        case .reflection: (["prompt"], ["prompt"])
        }
    }
}
