import AtelierContent
import AtelierEngine
import AtelierStore
import Foundation

/// A data file with enough people for the page to show numbers, and a few languages small enough to be hidden: 20
/// French and 10 Arabic participants on `coop-basics` over two weeks (the Arabic ones all miss its second question,
/// as a misleading translation would make them), 2 Tigrinya ones (fewer than 5: hidden), and one group quiz of 8
/// anonymous players (6 French, 2 Spanish).
enum ReportFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessons = root.appendingPathComponent("Lessons").path
    static let locales = root.appendingPathComponent("Locales").path
    static let moduleID = "coop-basics"
    /// Pseudonyms that must never reach the page.
    static func pseudonym(_ language: String, _ index: Int) -> String { "Zéphyrine\(language)\(index)" }

    static var module: Module {
        get throws {
            let loaded = ModuleLoader.load(path: lessons + "/\(moduleID)/module.yaml", facts: FactTable.load(lessonsFolder: lessons).0)
            guard let module = loaded.module else { throw FixtureError.module("\(loaded.diagnostics)") }
            return module
        }
    }

    enum FixtureError: Error { case module(String), store(String) }

    /// 2026-11-30T08:00:00Z, a Monday, plus `days` and `minutes`.
    static func at(days: Int, minutes: Int = 0) -> Instant {
        Instant(milliseconds: 1_796_025_600_000 + Int64(days) * 86_400_000 + Int64(minutes) * 60_000)
    }

    /// The data file at `path`, filled as described above.
    @discardableResult
    static func makeStore(at path: String) throws -> ProgressStore {
        let store = try ProgressStore(path: path)
        let module = try module
        let questions = module.questions
        for (language, count) in [("fr", 20), ("ar", 10), ("ti", 2)] {
            for index in 0..<count {
                let day = index % 10  // two weeks
                guard case .success(let participant) = try store.createParticipant(
                    pseudonym: pseudonym(language, index), pin: nil, language: language, at: at(days: day)) else {
                    throw FixtureError.store("participant \(language) \(index)")
                }
                // How far they get: the first few questions, more for some.
                let reached = min(questions.count, 2 + index % questions.count)
                for (k, step) in questions.prefix(reached).enumerated() {
                    let right = language == "ar" ? (k != 1 && (index + k) % 2 == 0) : (index + k) % 3 != 0
                    let progress = SavedProgress(moduleID: module.id, moduleVersion: module.version, currentStep: step.id, history: [],
                                                 records: [:], reviewQueue: [], completed: false, seed: 1,
                                                 startedAt: at(days: day), completedAt: nil)
                    try store.record(Attempt(moduleID: module.id, moduleVersion: module.version, stepID: step.id, stepKind: step.content.kind,
                                             response: right ? "right" : "wrong", correct: right, credit: right ? 1 : 0, attempt: 1,
                                             hintUsed: false, milliseconds: 2000, language: language, review: false,
                                             at: at(days: day, minutes: k)),
                                     progress: progress, participant: participant.id)
                    if !right {  // a second try, right: only the first counts in the page's shares
                        try store.record(Attempt(moduleID: module.id, moduleVersion: module.version, stepID: step.id,
                                                 stepKind: step.content.kind, response: "right", correct: true, credit: 0.5, attempt: 2,
                                                 hintUsed: true, milliseconds: 3000, language: language, review: false,
                                                 at: at(days: day, minutes: k + 1)),
                                         progress: progress, participant: participant.id)
                    }
                }
            }
        }
        let quizSteps = questions.prefix(3).map(\.id)
        try store.startQuiz(id: "quiz-7f3a", module: module.id, scoring: "speed", questions: quizSteps, at: at(days: 3))
        for (q, step) in quizSteps.enumerated() {
            for player in 0..<8 {
                let right = (player + q) % 4 != 0
                try store.recordQuizAnswer(session: "quiz-7f3a", module: module.id, questionIndex: q, stepID: step,
                                           answer: QuizAnswer(player: "p\(player)", choice: right ? "a" : "b", correct: right,
                                                              points: right ? 500 : 0, milliseconds: 4000,
                                                              language: player < 6 ? "fr" : "es"),
                                           participant: nil, at: at(days: 3, minutes: q))
            }
        }
        try store.endQuiz(id: "quiz-7f3a", at: at(days: 3, minutes: 10))
        return store
    }

    /// A fresh temporary folder.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
