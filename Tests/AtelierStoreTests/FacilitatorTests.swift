import AtelierContent
import AtelierEngine
import Foundation
import Testing
@testable import AtelierStore

@Suite("Facilitator commands")
struct FacilitatorTests {
    static let module: Module = {
        let yaml = """
        id: test
        version: 1
        title: "Test"
        summary: "Test."
        minutes: 5
        level: A2
        sources: [{title: "S", url: "https://example.org", checked: 2026-11-20}]
        steps:
          - id: who
            type: choice
            prompt: "Qui verse les aides ?"
            choices: [{id: caf, text: "La CAF"}, {id: bank, text: "La banque"}, {id: city, text: "La mairie"}]
            answer: caf
          - id: tf
            type: truefalse
            statement: "C'est gratuit."
            answer: true
        """
        return ModuleLoader.load(bytes: Array(yaml.utf8), path: "test.yaml").module!
    }()

    /// Three participants in three languages; Zanele gets `who` wrong twice, Dawit once then right.
    static func populated(_ file: TemporaryStore) throws -> (ProgressStore, [String: String]) {
        let store = try file.open()
        var ids: [String: String] = [:]
        for (name, language) in [("Zanele-Ωμέγα-زينب", "ar"), ("Dawit ዳዊት", "ti"), ("李明", "zh")] {
            ids[name] = try #require(try store.createParticipant(pseudonym: name, pin: nil, language: language, at: at(0)).value).id
        }
        let z = ids["Zanele-Ωμέγα-زينب"]!, d = ids["Dawit ዳዊት"]!, l = ids["李明"]!
        try store.record(attempt("who", correct: false, response: "bank", language: "ar", number: 1), progress: progress(current: "who"), participant: z)
        try store.record(attempt("who", correct: false, response: "city", language: "ar", number: 2), progress: progress(current: "tf", queue: ["who"]), participant: z)
        try store.record(attempt("who", correct: false, response: "bank", language: "ti", number: 1), progress: progress(current: "who"), participant: d)
        try store.record(attempt("who", correct: true, response: "caf", language: "ti", number: 2), progress: progress(current: "tf"), participant: d)
        try store.record(attempt("who", correct: true, response: "caf", language: "zh"), progress: progress(current: "tf"), participant: l)
        try store.record(attempt("tf", correct: true, response: "true", language: "zh"), progress: progress(current: nil, completed: true), participant: l)
        return (store, ids)
    }

    @Test func erasingAParticipantLeavesNoTraceInTheFile() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let (store, _) = try Self.populated(file)
        let name = Array("Zanele-Ωμέγα-زينب".utf8)
        #expect(file.rawBytes().containsSubsequence(name))
        #expect(try store.erase(pseudonym: "zanele-ωμεγα-زینب"))
        #expect(!file.rawBytes().containsSubsequence(name))
        #expect(!file.rawBytes().containsSubsequence(Array("زينب".utf8)))
        #expect(try store.participants().map(\.pseudonym).sorted() == ["Dawit ዳዊት", "李明"])
        #expect(try store.attemptCount() == 4)
        #expect(try !store.erase(pseudonym: "Zanele-Ωμέγα-زينب"))
        #expect(try store.isIntact())
    }

    @Test func pruningErasesThoseNotSeenForLong() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        _ = try store.createParticipant(pseudonym: "Old", pin: nil, language: "fr", at: at(0))
        _ = try store.createParticipant(pseudonym: "Recent", pin: nil, language: "fr", at: at(86_400 * 40))
        #expect(try store.prune(olderThan: 30, at: at(86_400 * 45)) == 1)
        #expect(try store.participants().map(\.pseudonym) == ["Recent"])
    }

    @Test func theReportGivesSuccessPerQuestionAndLanguageAndTheMostMissedChoices() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let (store, _) = try Self.populated(file)
        try store.startQuiz(id: "s1", module: "test", scoring: "accuracy", questions: ["who"], at: at(50))
        try store.recordQuizAnswer(session: "s1", module: "test", questionIndex: 0, stepID: "who",
                                   answer: QuizAnswer(player: "x1", choice: "bank", correct: false, points: 0, milliseconds: 900, language: "ps"),
                                   participant: nil, at: at(51))
        let report = try store.report(for: Self.module)
        #expect(report.started == 3 && report.completed == 1)
        let who = try #require(report.questions.first { $0.step == "who" })
        #expect(who.answered == 4 && who.right == 2)
        #expect(who.byLanguage == ["ar": .init(answered: 1, right: 0), "ti": .init(answered: 1, right: 1),
                                   "zh": .init(answered: 1, right: 1), "ps": .init(answered: 1, right: 0)])
        #expect(who.missedChoices == [.init(response: "bank", count: 3), .init(response: "city", count: 1)])
        let tf = try #require(report.questions.first { $0.step == "tf" })
        #expect(tf.answered == 1 && tf.right == 1)
    }

    /// Issue #22: the facilitator pressed `s`. The answers stay, marked skipped in the export; the report counts
    /// them for nobody, neither as right nor among the missed choices; another session's answers still count.
    @Test func aSkippedQuestionsAnswersAreKeptAndCountForNobody() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let (store, _) = try Self.populated(file)
        let before = try store.report(for: Self.module)
        for session in ["skipped", "played"] {
            try store.startQuiz(id: session, module: "test", scoring: "accuracy", questions: ["who", "tf"], at: at(50))
            for (player, choice) in [("x1", "caf"), ("x2", "city")] {
                try store.recordQuizAnswer(session: session, module: "test", questionIndex: 0, stepID: "who",
                                           answer: QuizAnswer(player: player, choice: choice, correct: choice == "caf", points: 0,
                                                              milliseconds: 900, language: "ps"),
                                           participant: nil, at: at(51))
            }
        }
        try store.recordQuizSkip(session: "skipped", questionIndex: 0, at: at(52))
        try store.recordQuizSkip(session: "skipped", questionIndex: 0, at: at(53))  // pressed twice: one skip

        let who = try #require(try store.report(for: Self.module).questions.first { $0.step == "who" })
        let whoBefore = try #require(before.questions.first { $0.step == "who" })
        // Only the played session's two answers are added: one right, one "city".
        #expect(who.answered == whoBefore.answered + 2 && who.right == whoBefore.right + 1)
        #expect(who.byLanguage["ps"] == .init(answered: 2, right: 1))
        #expect(who.missedChoices.first { $0.response == "city" }?.count == 2)

        let rows = try store.exportRows(session: "skipped")
        #expect(rows.count == 2 && rows.allSatisfy(\.skipped))
        #expect(rows.compactMap(\.response).sorted() == ["caf", "city"])  // kept as given
        #expect(try store.exportRows(session: "played").allSatisfy { !$0.skipped })
        let csv = String(decoding: CSVWriter.write(rows), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}source,pseudonym,module,step,response,correct,attempt,hint_used,milliseconds,language,review,at,skipped\r\n"))
        #expect(csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.allSatisfy { $0.hasSuffix(",1") })
    }

    @Test func aQuizAnswerMissedWithAProfileComesBackForReview() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let (store, ids) = try Self.populated(file)
        try store.startQuiz(id: "s2", module: "test", scoring: "speed", questions: ["tf"], at: at(60))
        try store.recordQuizAnswer(session: "s2", module: "test", questionIndex: 0, stepID: "tf",
                                   answer: QuizAnswer(player: "p", choice: "false", correct: false, points: 0, milliseconds: 800, language: "zh"),
                                   participant: ids["李明"], at: at(61))
        #expect(try store.progress(participant: ids["李明"]!, module: "test")?.reviewQueue == ["tf"])
    }

    @Test func theCSVOpensInSpreadsheetsWithEveryScriptIntact() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let (store, _) = try Self.populated(file)
        _ = try store.createParticipant(pseudonym: "=HYPERLINK(\"x\")", pin: nil, language: "fr", at: at(0))
        let csv = CSVWriter.write(try store.exportRows())
        let text = String(decoding: csv, as: UTF8.self)
        #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(text.hasPrefix("\u{FEFF}source,pseudonym,module,step,response,correct,attempt,hint_used,milliseconds,language,review,at,skipped\r\n"))
        #expect(text.contains("\r\nlesson,Zanele-Ωμέγα-زينب,test,who,bank,0,1,0,1500,ar,0,"))
        #expect(text.contains("\r\nlesson,Dawit ዳዊት,test,who,caf,1,2,0,1500,ti,0,"))
        #expect(text.components(separatedBy: "\r\n").count == 8)  // header, 6 rows, the empty end
        #expect(CSVWriter.field("=1+1") == "'=1+1")
        #expect(CSVWriter.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }
}

@Suite("Export format")
struct ExportFormatTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (951_782_400_000, "2000-02-29T00:00:00Z"),
        (1_764_445_500_123, "2025-11-29T19:45:00Z"), (4_107_542_399_000, "2100-02-28T23:59:59Z"),
    ])
    func datesAreISO8601InUTC(milliseconds: Int64, expected: String) {
        #expect(ProgressStore.iso8601(milliseconds) == expected)
    }
}
