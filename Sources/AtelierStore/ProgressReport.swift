import AtelierContent
import GRDB

/// What a facilitator wants to know about one module: per question, how many got it right, overall and per
/// language, which wrong choices were taken most, and how many finished the module.
public struct ProgressReport: Hashable, Sendable {
    public struct Tally: Hashable, Sendable {
        public var answered = 0
        public var right = 0

        public init(answered: Int = 0, right: Int = 0) {
            self.answered = answered
            self.right = right
        }
    }

    public struct Missed: Hashable, Sendable {
        public var response: String
        public var count: Int

        public init(response: String, count: Int) {
            self.response = response
            self.count = count
        }
    }

    public struct Question: Hashable, Sendable {
        public var step: String
        public var kind: String
        public var prompt: String
        /// Participants (and quiz players) who finished the question, and how many got it right.
        public var answered: Int
        public var right: Int
        public var byLanguage: [String: Tally]
        /// Wrong responses, most frequent first.
        public var missedChoices: [Missed]

        public init(step: String, kind: String, prompt: String, answered: Int, right: Int, byLanguage: [String: Tally],
                    missedChoices: [Missed]) {
            self.step = step
            self.kind = kind
            self.prompt = prompt
            self.answered = answered
            self.right = right
            self.byLanguage = byLanguage
            self.missedChoices = missedChoices
        }
    }

    public var module: String
    public var started: Int
    public var completed: Int
    public var questions: [Question]
    /// Participants erased, day by day (issue #23): when and how many, never whom. Not the module's: every
    /// erasure of the data file (or of the server), since an erased participant's answers left every report.
    public var erasures: [ErasureDay]

    public init(module: String, started: Int, completed: Int, questions: [Question], erasures: [ErasureDay] = []) {
        self.module = module
        self.started = started
        self.completed = completed
        self.questions = questions
        self.erasures = erasures
    }
}

extension ProgressStore {
    /// A quiz answer (`q`) to a question the facilitator skipped counts for nobody, in the report as in the game.
    static let notSkipped = "NOT EXISTS (SELECT 1 FROM quizSkip k WHERE k.sessionID = q.sessionID AND k.questionIndex = q.questionIndex)"

    public func report(for module: Module) throws(StoreError) -> ProgressReport {
        try read { db in
            let started = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM moduleProgress WHERE moduleID = ?", arguments: [module.id]) ?? 0
            let completed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM moduleProgress WHERE moduleID = ? AND completedAt IS NOT NULL",
                                             arguments: [module.id]) ?? 0
            var questions: [ProgressReport.Question] = []
            for step in module.questions {
                // A participant's result on a question: right if any of their lesson attempts was right.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT language, MAX(correct) AS right FROM attempt
                    WHERE moduleID = ? AND stepID = ? AND review = 0 AND correct IS NOT NULL
                    GROUP BY participantID
                    UNION ALL
                    SELECT q.language, q.correct FROM quizAnswer q JOIN quizSession s ON s.id = q.sessionID
                    WHERE s.moduleID = ? AND q.stepID = ? AND \(Self.notSkipped)
                    """, arguments: [module.id, step.id, module.id, step.id])
                var byLanguage: [String: ProgressReport.Tally] = [:]
                for row in rows {
                    let language: String = row["language"]
                    let right: Bool = row["right"] ?? false
                    byLanguage[language, default: .init()].answered += 1
                    if right { byLanguage[language, default: .init()].right += 1 }
                }
                let missed = try Row.fetchAll(db, sql: """
                    SELECT response, COUNT(*) AS n FROM (
                        SELECT response FROM attempt WHERE moduleID = ? AND stepID = ? AND correct = 0 AND response IS NOT NULL
                        UNION ALL
                        SELECT q.choice FROM quizAnswer q JOIN quizSession s ON s.id = q.sessionID
                        WHERE s.moduleID = ? AND q.stepID = ? AND q.correct = 0 AND \(Self.notSkipped))
                    GROUP BY response ORDER BY n DESC, response LIMIT 3
                    """, arguments: [module.id, step.id, module.id, step.id]).map { ProgressReport.Missed(response: $0["response"], count: $0["n"]) }
                questions.append(ProgressReport.Question(
                    step: step.id, kind: step.content.kind, prompt: module.facts.resolve(step.prompt, locale: "fr"), answered: rows.count,
                    right: byLanguage.values.map(\.right).reduce(0, +), byLanguage: byLanguage, missedChoices: missed))
            }
            let erasures = try Row.fetchAll(db, sql: "SELECT day, COUNT(*) AS count FROM erasureLog GROUP BY day ORDER BY day")
                .map { ErasureDay(day: $0["day"], count: $0["count"]) }
            return ProgressReport(module: module.id, started: started, completed: completed, questions: questions, erasures: erasures)
        }
    }
}

extension Step {
    /// The French question text, for reports.
    public var prompt: String {
        switch content {
        case .text(let body): return body
        case .choice(let prompt, _, _), .input(let prompt, _, _, _), .order(let prompt, _), .match(let prompt, _),
             .reflection(let prompt): return prompt
        case .trueFalse(let statement, _, _): return statement
        case .scenario(let situation, _): return situation
        }
    }
}
