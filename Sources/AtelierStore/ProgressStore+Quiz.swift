import AtelierEngine
import Foundation
import GRDB

extension ProgressStore {
    /// A group quiz begins: its questions are recorded with it.
    public func startQuiz(id: String, module: String, scoring: String, questions: [String], at now: Instant) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO quizSession (id, moduleID, scoring, startedAt) VALUES (?, ?, ?, ?)",
                           arguments: [id, module, scoring, now.milliseconds])
            for (index, step) in questions.enumerated() {
                try db.execute(sql: "INSERT INTO quizQuestion (sessionID, questionIndex, stepID) VALUES (?, ?, ?)",
                               arguments: [id, index, step])
            }
        }
    }

    /// One player's answer. When the player joined with their kiosk profile, a missed question also goes into
    /// that participant's review queue for the module.
    public func recordQuizAnswer(session: String, module: String, questionIndex: Int, stepID: String, answer: QuizAnswer,
                                 participant: String?, at now: Instant) throws(StoreError) {
        try recordQuizAnswers(session: session, module: module,
                              [QuizAnswerRecord(questionIndex: questionIndex, stepID: stepID, answer: answer, participant: participant,
                                                at: now)])
    }

    /// Answers that arrived together, in one transaction: the quiz host commits a room's answers in groups, so
    /// that a full room costs a few disk syncs rather than one per player.
    public func recordQuizAnswers(session: String, module: String, _ records: [QuizAnswerRecord]) throws(StoreError) {
        guard !records.isEmpty else { return }
        try writeInCachedTransaction { db in
            // Prepared once per connection, not once per answer: preparing the INSERT compiles its sync trigger and
            // asks GRDB's authorizer about every column it touches, which made a 5,000-phone burst's group commits
            // grow with their own size (issue #22's p99; `perf record` on the host).
            let insert = try db.cachedStatement(sql: """
                INSERT INTO quizAnswer (sessionID, questionIndex, stepID, player, participantID, choice, correct, language,
                                        milliseconds, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in records {
                let answer = record.answer
                try insert.execute(arguments: [session, record.questionIndex, record.stepID, answer.player, record.participant, answer.choice,
                                               answer.correct, answer.language, answer.milliseconds, record.at.milliseconds])
                guard let participant = record.participant, !answer.correct else { continue }
                try addToReview(db, stepID: record.stepID, module: module, participant: participant, at: record.at)
            }
        }
    }

    /// The facilitator skipped a question: its answers stay as given, and count for nobody from now on (export,
    /// reports, and the server's once synced). A second skip of the same question changes nothing.
    public func recordQuizSkip(session: String, questionIndex: Int, at now: Instant) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO quizSkip (sessionID, questionIndex, at) VALUES (?, ?, ?)",
                           arguments: [session, questionIndex, now.milliseconds])
        }
    }

    /// The engine decides what a missed quiz question does to the participant's progress; this writes it.
    private func addToReview(_ db: Database, stepID: String, module: String, participant: String, at now: Instant) throws {
        let existing = try Data.fetchOne(db, sql: "SELECT state FROM moduleProgress WHERE participantID = ? AND moduleID = ?",
                                         arguments: [participant, module])
        let previous = try existing.map { try JSONDecoder().decode(SavedProgress.self, from: $0) }
        try upsert(db, progress: .missedInQuiz(stepID, module: module, previous: previous, at: now), participant: participant, at: now)
    }

    public func endQuiz(id: String, at now: Instant) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE quizSession SET endedAt = ? WHERE id = ?", arguments: [now.milliseconds, id]) }
    }
}
