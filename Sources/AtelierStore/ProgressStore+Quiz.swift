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
        try write { db in
            try db.execute(sql: """
                INSERT INTO quizAnswer (sessionID, questionIndex, stepID, player, participantID, choice, correct, language,
                                        milliseconds, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session, questionIndex, stepID, answer.player, participant, answer.choice, answer.correct,
                                 answer.language, answer.milliseconds, now.milliseconds])
            guard let participant, !answer.correct else { return }
            let existing = try Data.fetchOne(db, sql: "SELECT state FROM moduleProgress WHERE participantID = ? AND moduleID = ?",
                                             arguments: [participant, module])
            var progress = try existing.map { try JSONDecoder().decode(SavedProgress.self, from: $0) }
                ?? SavedProgress(moduleID: module, moduleVersion: 0, currentStep: nil, history: [], records: [:],
                                 reviewQueue: [], completed: false, seed: UInt64(bitPattern: now.milliseconds), startedAt: nil,
                                 completedAt: nil)
            if !progress.reviewQueue.contains(stepID) { progress.reviewQueue.append(stepID) }
            try upsert(db, progress: progress, participant: participant, at: now)
        }
    }

    public func endQuiz(id: String, at now: Instant) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE quizSession SET endedAt = ? WHERE id = ?", arguments: [now.milliseconds, id]) }
    }
}
