import AtelierContent
import Testing
@testable import AtelierEngine

@Suite("Lesson engine")
struct LessonEngineTests {
    let engine = TestModule.engine
    func at(_ s: Int) -> Instant { TestModule.at(s) }

    @Test func startingShowsTheFirstStepAndSavesProgress() {
        var state = engine.initialState()
        let effects = engine.reduce(&state, .started(language: "ar", seed: 42, previous: nil, at: at(0)))
        var expected = LessonState(moduleID: "test", moduleVersion: 1)
        expected.language = "ar"
        expected.status = .inProgress
        expected.currentStep = "intro"
        expected.seed = 42
        expected.startedAt = at(0)
        expected.stepShownAt = at(0)
        expected.glossaryMet = ["CAF"]
        expected.lastEventAt = at(0)
        #expect(state == expected)
        #expect(effects == [.saveProgress(expected.progress), .render])
        // A second start is ignored: a session starts once.
        #expect(engine.reduce(&state, .started(language: "fr", seed: 1, previous: nil, at: at(5))) == [])
        #expect(state == expected)
    }

    @Test func aTextStepGoesOnWithContinueAndIgnoresAnswers() {
        var state = TestModule.started()
        let before = state
        #expect(engine.reduce(&state, .answerSubmitted(.choices(["caf"]), at: at(1))) == [])
        #expect(state == before)
        let effects = engine.reduce(&state, .continueRequested(at: at(2)))
        #expect(state.currentStep == "who")
        #expect(state.history == ["intro"])
        #expect(state.records["intro"]?.finished == true)
        #expect(state.glossaryMet == ["CAF", "RIB"])
        #expect(state.stepShownAt == at(2))
        #expect(effects == [.saveProgress(state.progress), .render])
    }

    /// A participant who retries at once, on the feedback of a wrong try, is answering again: the answer counts
    /// as the next try (it used to be discarded as "continue"). On the feedback of a finished question, an
    /// answer changes nothing.
    @Test(arguments: [
        (["bank", "caf"], [false, true], 2),
        (["bank", "bank"], [false, false], 2),
        (["caf", "bank"], [true], 1),
    ])
    func anAnswerTypedOnTheFeedbackIsTheNextTry(answers: [String], results: [Bool], attempts: Int) {
        var state = TestModule.started()
        _ = engine.reduce(&state, .continueRequested(at: at(2)))
        var recorded: [Bool] = []
        for (index, answer) in answers.enumerated() {
            for effect in engine.reduce(&state, .answerSubmitted(.choices([answer]), at: at(5 + index))) {
                if case .recordAttempt(let attempt) = effect { recorded.append(attempt.correct ?? false) }
            }
        }
        #expect(recorded == results)
        #expect(state.records["who"]?.attempts == attempts)
        if case .feedback(_, let finished) = state.phase { #expect(finished) } else { Issue.record("no feedback") }
    }

    /// After a kill or a logout right after answering, the saved step is the question just answered: coming back
    /// shows its feedback, never asks it again (a second attempt would be recorded), and Enter goes on.
    @Test func aQuestionAnsweredBeforeTheKioskStoppedIsNotAskedAgain() {
        var state = TestModule.started()
        _ = engine.reduce(&state, .continueRequested(at: at(2)))
        _ = engine.reduce(&state, .answerSubmitted(.choices(["caf"]), at: at(5)))
        let saved = state.progress
        #expect(saved.currentStep == "who")

        var back = engine.initialState()
        _ = engine.reduce(&back, .resumed(saved, language: "fr", at: at(500)))
        #expect(back.currentStep == "who")
        #expect(back.phase == .feedback(AnswerResult(correct: true, credit: 1, feedbackFor: ["caf"]), finished: true))
        let again = engine.reduce(&back, .answerSubmitted(.choices(["bank"]), at: at(501)))
        #expect(!again.contains { if case .recordAttempt = $0 { true } else { false } })
        _ = engine.reduce(&back, .continueRequested(at: at(502)))
        #expect(back.currentStep == "multi")
    }

    /// The summary's time is the time spent on the module, over every session, not the time away between them.
    @Test func theTimeSpentAddsUpSessionsWithoutTheTimeAway() {
        var state = TestModule.started()
        _ = engine.reduce(&state, .continueRequested(at: at(20)))
        let saved = state.progress
        #expect(saved.spentMilliseconds == 20_000)
        var back = engine.initialState()
        _ = engine.reduce(&back, .resumed(saved, language: "fr", at: at(86_400)))  // a day later
        _ = engine.reduce(&back, .answerSubmitted(.choices(["caf"]), at: at(86_430)))
        #expect(back.progress.spentMilliseconds == 50_000)
    }

    @Test func aWrongAttemptOffersTheHintThenARightOneFinishes() {
        var state = TestModule.started()
        _ = engine.reduce(&state, .continueRequested(at: at(2)))
        let first = engine.reduce(&state, .answerSubmitted(.choices(["bank"]), at: at(5)))
        let wrong = AnswerResult(correct: false, credit: 0, feedbackFor: ["bank"])
        #expect(state.phase == .feedback(wrong, finished: false))
        #expect(first == [
            .recordAttempt(Attempt(moduleID: "test", moduleVersion: 1, stepID: "who", stepKind: "choice", response: "bank",
                                   correct: false, credit: 0, attempt: 1, hintUsed: false, milliseconds: 3000,
                                   language: "fr", review: false, at: at(5))),
            .saveProgress(state.progress), .render,
        ])
        #expect(engine.reduce(&state, .continueRequested(at: at(6))) == [.render])
        #expect(state.phase == .asking)
        #expect(engine.reduce(&state, .hintRequested) == [.render])
        #expect(state.hintShown)
        #expect(engine.reduce(&state, .hintRequested) == [])
        let second = engine.reduce(&state, .answerSubmitted(.choices(["caf"]), at: at(10)))
        #expect(state.phase == .feedback(AnswerResult(correct: true, credit: 1, feedbackFor: ["caf"]), finished: true))
        #expect(second.first == .recordAttempt(Attempt(
            moduleID: "test", moduleVersion: 1, stepID: "who", stepKind: "choice", response: "caf", correct: true, credit: 1,
            attempt: 2, hintUsed: true, milliseconds: 4000, language: "fr", review: false, at: at(10))))
        var record = StepRecord()
        record.attempts = 2
        record.hintUsed = true
        record.correct = true
        record.credit = 1
        record.chosen = "caf"
        record.finished = true
        #expect(state.records["who"] == record)
        #expect(state.reviewQueue.isEmpty)
        // Finished: no more answers, "continue" moves on.
        #expect(engine.reduce(&state, .answerSubmitted(.choices(["bank"]), at: at(11))) == [])
        _ = engine.reduce(&state, .continueRequested(at: at(12)))
        #expect(state.currentStep == "multi")
    }

    @Test func theLastWrongAttemptShowsTheExplanationAndQueuesAReview() {
        var state = TestModule.started()
        _ = engine.reduce(&state, .continueRequested(at: at(1)))
        _ = engine.reduce(&state, .answerSubmitted(.choices(["bank"]), at: at(2)))
        _ = engine.reduce(&state, .continueRequested(at: at(3)))
        _ = engine.reduce(&state, .answerSubmitted(.choices(["city"]), at: at(4)))
        #expect(state.phase == .feedback(AnswerResult(correct: false, credit: 0, feedbackFor: ["city"]), finished: true))
        #expect(state.records["who"]?.correct == false)
        #expect(state.reviewQueue == ["who"])
    }

    @Test(arguments: [
        (Answer.choices(["a", "c"]), true, 1.0),
        (.choices(["a"]), false, 0),
        (.choices(["a", "b", "c"]), false, 0),
    ])
    func multipleAnswers(answer: Answer, correct: Bool, credit: Double) throws {
        let step = try #require(engine.content.module.step("multi"))
        #expect(AnswerChecker.check(answer, step: step, content: engine.content) == AnswerResult(
            correct: correct, credit: credit, feedbackFor: ["a", "b", "c"].filter { if case .choices(let s) = answer { s.contains($0) } else { false } }))
    }

    @Test(arguments: [
        ("fr", "récépissé", true), ("fr", "RECEPISSE", true), ("fr", " Récépissé ! ", true),
        ("fr", "recepise", true),     // one typo in a long word
        ("fr", "recpise", false),     // two
        ("fr", "passeport", false),
        ("fa_AF", "رسید", true),      // the Dari translation's answer, typed with the Persian yeh
        ("fa_AF", "رسيد", true),      // ... or the Arabic one
        ("fa_AF", "récépissé", true), // the French word is always right
        ("ar", "رسيد", false),        // another language's answer is not
    ])
    func typedAnswers(locale: String, typed: String, correct: Bool) throws {
        let content = LessonContent(module: engine.content.module, matchLocale: locale,
                                    acceptedInLanguage: locale == "fa_AF" ? ["word": ["رسید"]] : [:])
        let step = try #require(content.module.step("word"))
        #expect(AnswerChecker.check(.text(typed), step: step, content: content)?.correct == correct)
    }

    @Test(arguments: [("1,5", true), ("1.5", true), ("١٫٥", true), ("۱,۵", true), ("௧.௫", true), ("1 ,5", true),
                      ("2", false), ("1.5.1", false), ("un et demi", false), ("", false)])
    func numbersInAnyScript(typed: String, correct: Bool) throws {
        let step = try #require(engine.content.module.step("count"))
        #expect(AnswerChecker.check(.text(typed), step: step, content: engine.content)?.correct == correct)
    }

    @Test func orderAndMatchGivePartialCreditAndSayWhatIsMisplaced() throws {
        let order = try #require(engine.content.module.step("steps"))
        #expect(AnswerChecker.check(.order(["one", "three", "two", "four"]), step: order, content: engine.content) ==
                AnswerResult(correct: false, credit: 0.5, misplaced: ["three", "two"]))
        #expect(AnswerChecker.check(.order(["one", "two"]), step: order, content: engine.content) == nil)
        let match = try #require(engine.content.module.step("pairs"))
        #expect(AnswerChecker.check(.matches(["rib": "caf", "caf": "rib"]), step: match, content: engine.content) ==
                AnswerResult(correct: false, credit: 0, misplaced: ["rib", "caf"]))
        #expect(AnswerChecker.check(.matches(["rib": "rib", "caf": "caf"]), step: match, content: engine.content)?.correct == true)
    }

    /// Walks the whole module with `who` answered as given, choosing `option` in the scenario.
    func walk(whoRight: Bool, option: String) -> (LessonState, [String], [LessonEffect]) {
        var state = TestModule.started()
        var visited = [state.currentStep!]
        var last: [LessonEffect] = []
        var t = 1
        let answers: [String: Answer] = [
            "who": .choices([whoRight ? "caf" : "bank"]), "multi": .choices(["a", "c"]), "tf": .trueFalse(true),
            "word": .text("récépissé"), "count": .text("1,5"), "steps": .order(["one", "two", "three", "four"]),
            "pairs": .matches(["rib": "rib", "caf": "caf"]), "late": .option(option),
            "think": .reflection(text: "Un restaurant", consent: false),
        ]
        while state.currentStep != nil {
            let step = state.currentStep!
            if let answer = answers[step] {
                // Wrong twice when asked to be wrong: the question then finishes.
                last = engine.reduce(&state, .answerSubmitted(answer, at: at(t)))
                if case .feedback(_, finished: false) = state.phase {
                    t += 1
                    _ = engine.reduce(&state, .continueRequested(at: at(t)))
                    last = engine.reduce(&state, .answerSubmitted(.choices(["city"]), at: at(t)))
                }
            }
            t += 1
            last = engine.reduce(&state, .continueRequested(at: at(t)))
            if let now = state.currentStep { visited.append(now) }
        }
        return (state, visited, last)
    }

    @Test func scenarioOptionsBranchAndPathsJoin() {
        let (_, calling, _) = walk(whoRight: true, option: "call")
        #expect(calling == ["intro", "who", "multi", "tf", "word", "count", "steps", "pairs", "late", "late-call", "think"])
        let (_, silent, _) = walk(whoRight: true, option: "nothing")
        #expect(silent == ["intro", "who", "multi", "tf", "word", "count", "steps", "pairs", "late", "late-nothing", "think"])
    }

    @Test func aStepWithAConditionAppearsOnlyWhenItHolds() {
        let (_, visited, _) = walk(whoRight: false, option: "call")
        #expect(visited.contains("reminder"))
        #expect(visited.last == "think")
    }

    @Test func theSummarySaysScoreTimeMissedAndGlossary() {
        let (state, _, last) = walk(whoRight: false, option: "call")
        let summary = LessonSummary(score: 6, maximum: 7, milliseconds: 14_000, missed: ["who"],
                                    glossaryMet: ["CAF", "RIB", "récépissé"], review: false)
        #expect(state.status == .completed(summary))
        #expect(last == [.saveProgress(state.progress), .completed(summary), .render])
        #expect(state.progress.completed)
        #expect(state.progress.reviewQueue == ["who"])
        // The reflection was not kept: no consent.
    }

    @Test func anOpenAnswerIsRecordedOnlyWithConsent() {
        #expect(Answer.reflection(text: "Un restaurant", consent: false).recorded == nil)
        #expect(Answer.reflection(text: "Un restaurant", consent: true).recorded == "Un restaurant")
    }

    @Test func missedQuestionsComeBackNextTimeAndLeaveWhenRight() {
        let (done, _, _) = walk(whoRight: false, option: "nothing")
        var state = engine.initialState()
        let effects = engine.reduce(&state, .started(language: "fr", seed: 99, previous: done.progress, at: at(100)))
        #expect(state.mode == .review)
        #expect(state.currentStep == "who")
        #expect(state.seed == done.seed)
        #expect(effects == [.saveProgress(state.progress), .render])
        let recorded = engine.reduce(&state, .answerSubmitted(.choices(["caf"]), at: at(104)))
        guard case .recordAttempt(let attempt) = recorded.first else { Issue.record("no attempt"); return }
        #expect(attempt.review && attempt.attempt == 1 && attempt.correct == true)
        #expect(state.reviewQueue.isEmpty)
        let end = engine.reduce(&state, .continueRequested(at: at(105)))
        let summary = LessonSummary(score: 1, maximum: 1, milliseconds: 5000, missed: [], glossaryMet: ["CAF", "RIB"], review: true)
        #expect(end == [.saveProgress(state.progress), .completed(summary), .render])
        // The first result stays in the record: the review does not rewrite history.
        #expect(state.records["who"]?.correct == false)
    }

    /// Found by the crash test: a module completed once and walked again came back at its first step after a
    /// restart, because the saved progress still said "completed".
    @Test func aModuleWalkedAgainResumesWhereTheSecondWalkWas() {
        let (done, _, _) = walk(whoRight: true, option: "nothing")
        var again = engine.initialState()
        _ = engine.reduce(&again, .started(language: "fr", seed: 7, previous: done.progress, at: at(100)))
        #expect(again.mode == .lesson && again.currentStep == "intro")
        _ = engine.reduce(&again, .continueRequested(at: at(101)))
        #expect(again.currentStep == "who")
        let saved = again.progress
        #expect(saved.completed && saved.reviewing == nil)
        var resumed = engine.initialState()
        _ = engine.reduce(&resumed, .started(language: "fr", seed: 8, previous: saved, at: at(200)))
        #expect(resumed.mode == .lesson && resumed.currentStep == "who" && resumed.history == ["intro"])
        #expect(resumed.completedAt == done.completedAt)  // the first completion stays the report's date
    }

    @Test func aReviewInterruptedResumesAsAReview() {
        let (done, _, _) = walk(whoRight: false, option: "nothing")
        var review = engine.initialState()
        _ = engine.reduce(&review, .started(language: "fr", seed: 7, previous: done.progress, at: at(100)))
        #expect(review.mode == .review && review.progress.reviewing == true)
        var resumed = engine.initialState()
        _ = engine.reduce(&resumed, .started(language: "fr", seed: 8, previous: review.progress, at: at(200)))
        #expect(resumed.mode == .review && resumed.currentStep == "who")
    }

    @Test func resumingComesBackToTheSameStep() {
        var state = TestModule.started()
        _ = engine.reduce(&state, .continueRequested(at: at(1)))
        _ = engine.reduce(&state, .answerSubmitted(.choices(["bank"]), at: at(2)))
        let saved = state.progress
        var resumed = engine.initialState()
        let effects = engine.reduce(&resumed, .resumed(saved, language: "ti", at: at(50)))
        #expect(resumed.currentStep == "who")
        #expect(resumed.records == state.records)
        #expect(resumed.history == ["intro"])
        #expect(resumed.language == "ti")
        #expect(resumed.phase == .asking)
        #expect(effects == [.saveProgress(resumed.progress), .render])
        // One attempt used before the crash: one left.
        _ = engine.reduce(&resumed, .answerSubmitted(.choices(["city"]), at: at(51)))
        #expect(resumed.phase == .feedback(AnswerResult(correct: false, credit: 0, feedbackFor: ["city"]), finished: true))
    }

    @Test func resumingAfterTheModuleChangedGoesToTheNearestStepThatStillExists() {
        var state = TestModule.started()
        for t in 1...2 { _ = engine.reduce(&state, .continueRequested(at: at(t))) }
        _ = engine.reduce(&state, .answerSubmitted(.choices(["caf"]), at: at(3)))
        _ = engine.reduce(&state, .continueRequested(at: at(4)))
        #expect(state.currentStep == "multi")
        // Version 2: `multi` renamed, `intro` removed, steps reordered.
        let changed = TestModule.yaml.replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "id: multi", with: "id: several")
            .replacingOccurrences(of: "  - id: intro\n    type: text\n    body: \"Bonjour.\"\n    glossary: [CAF]\n", with: "")
        let newEngine = LessonEngine(content: LessonContent(module: TestModule.module(changed)))
        var resumed = newEngine.initialState()
        _ = newEngine.reduce(&resumed, .resumed(state.progress, language: "fr", at: at(60)))
        #expect(resumed.currentStep == "who")
        #expect(resumed.moduleVersion == 2)
        #expect(resumed.records["who"]?.correct == true)
        #expect(resumed.records["intro"] == nil)
        #expect(resumed.history.isEmpty)
        // A saved step that exists everywhere no longer: the first step.
        var lost = state.progress
        lost.currentStep = "gone"
        lost.history = ["also-gone"]
        var fresh = newEngine.initialState()
        _ = newEngine.reduce(&fresh, .resumed(lost, language: "fr", at: at(61)))
        #expect(fresh.currentStep == "who")
    }

    @Test func backReturnsToThePreviousStep() {
        var state = TestModule.started()
        #expect(engine.reduce(&state, .backRequested(at: at(1))) == [])
        _ = engine.reduce(&state, .continueRequested(at: at(2)))
        let effects = engine.reduce(&state, .backRequested(at: at(3)))
        #expect(state.currentStep == "intro")
        #expect(state.history.isEmpty)
        #expect(effects == [.saveProgress(state.progress), .render])
    }

    @Test func languageFrenchAndIdle() {
        var state = TestModule.started()
        #expect(engine.reduce(&state, .languageChanged("prs")) == [.render])
        #expect(state.language == "prs")
        #expect(engine.reduce(&state, .frenchToggled) == [.render])
        #expect(state.showFrench)
        let effects = engine.reduce(&state, .idleTimeoutElapsed(at: at(180)))
        #expect(state.status == .ended)
        #expect(effects == [.saveProgress(state.progress), .ended])
        #expect(engine.reduce(&state, .continueRequested(at: at(181))) == [])
    }

    @Test func theOrderOnScreenIsShuffledPerParticipantAndStable() throws {
        let module = engine.content.module
        let who = try #require(module.step("who")), steps = try #require(module.step("steps"))
        let a = TestModule.started(seed: 1), b = TestModule.started(seed: 2)
        #expect(a.presentation(of: who) == a.presentation(of: who))
        #expect(Set(a.presentation(of: who)) == ["caf", "bank", "city"])
        let orders = Set((0..<40).map { TestModule.started(seed: UInt64($0)).presentation(of: who) })
        #expect(orders.count > 3)
        for seed in 0..<200 {
            #expect(TestModule.started(seed: UInt64(seed)).presentation(of: steps) != ["one", "two", "three", "four"])
        }
        _ = b
        #expect(a.presentation(of: try #require(module.step("late"))) == ["call", "nothing"])
    }
}
