import AtelierContent
import PropertyBased
import Testing
@testable import AtelierEngine

/// Random event sequences: the engine never crashes, never loses an attempt, and a finite module always ends.
@Suite("Lesson engine properties")
struct LessonEnginePropertyTests {
    static let engine = TestModule.engine

    static func rightAnswer(_ step: Step) -> Answer? {
        switch step.content {
        case .choice(_, _, let correct): return .choices(Set(correct))
        case .trueFalse(_, let answer, _): return .trueFalse(answer)
        case .input(_, let accept, _, let number): return .text(accept.first ?? number.map { "\($0.value)" } ?? "")
        case .order(_, let items): return .order(items.map(\.id))
        case .match(_, let pairs): return .matches(Dictionary(uniqueKeysWithValues: pairs.map { ($0.id, $0.id) }))
        case .scenario(_, let options): return .option(options[0].id)
        case .reflection: return .reflection(text: "x", consent: true)
        case .text: return nil
        }
    }

    static func wrongAnswer(_ step: Step) -> Answer? {
        switch step.content {
        case .choice(_, let choices, let correct): return choices.first { !correct.contains($0.id) }.map { .choices([$0.id]) }
        case .trueFalse(_, let answer, _): return .trueFalse(!answer)
        case .input: return .text("zzz")
        case .order(_, let items): return .order(items.map(\.id).reversed())
        case .scenario(_, let options): return .option(options.last!.id)
        default: return rightAnswer(step)
        }
    }

    static func event(_ code: Int, state: LessonState, at: Instant) -> LessonEvent {
        let step = state.currentStep.flatMap(engine.content.module.step)
        switch code % 9 {
        case 0, 1: return .continueRequested(at: at)
        case 2: return .hintRequested
        case 3: return .backRequested(at: at)
        case 4: return .frenchToggled
        case 5: return step.flatMap(rightAnswer).map { .answerSubmitted($0, at: at) } ?? .continueRequested(at: at)
        case 6: return step.flatMap(wrongAnswer).map { .answerSubmitted($0, at: at) } ?? .continueRequested(at: at)
        case 7: return .answerSubmitted(.choices(["nope"]), at: at)
        default: return .languageChanged(["ar", "ti", "zh", "prs", "ta"][code % 5])
        }
    }

    @Test func randomSequencesKeepEveryAttemptAndAlwaysEnd() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1000).array(of: 0...120), Gen.int(in: 0...1_000_000)) { codes, seed in
            let engine = Self.engine
            var state = engine.initialState()
            var attempts = 0
            var time: Int64 = 0
            func send(_ event: LessonEvent) {
                let effects = engine.reduce(&state, event)
                for case .recordAttempt(let attempt) in effects {
                    attempts += 1
                    #expect(state.records[attempt.stepID]?.attempts == attempt.attempt)
                }
                if state.status == .inProgress {
                    #expect(state.currentStep.flatMap(engine.content.module.step) != nil)
                }
                #expect(state.records.values.map(\.attempts).reduce(0, +) == attempts)
            }
            send(.started(language: "fr", seed: UInt64(seed), previous: nil, at: Instant(milliseconds: 0)))
            for code in codes {
                time += Int64(code % 7) * 100
                send(Self.event(code, state: state, at: Instant(milliseconds: time)))
            }
            // Then a participant who answers right and goes on always reaches the end, in bounded steps.
            var moves = 0
            while state.status == .inProgress && moves < 4 * engine.content.module.steps.count {
                time += 100
                let at = Instant(milliseconds: time)
                if state.phase == .asking, let step = state.currentStep.flatMap(engine.content.module.step),
                   let answer = Self.rightAnswer(step) {
                    send(.answerSubmitted(answer, at: at))
                } else {
                    send(.continueRequested(at: at))
                }
                moves += 1
            }
            #expect(state.isCompleted)
        }
    }

    @Test func resumingFromAnySavedPointKeepsTheRecords() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1000).array(of: 0...60)) { codes in
            let engine = Self.engine
            var state = engine.initialState()
            var time: Int64 = 0
            _ = engine.reduce(&state, .started(language: "fr", seed: 3, previous: nil, at: Instant(milliseconds: 0)))
            for code in codes {
                time += 50
                _ = engine.reduce(&state, Self.event(code, state: state, at: Instant(milliseconds: time)))
            }
            guard state.status == .inProgress else { return }
            var resumed = engine.initialState()
            _ = engine.reduce(&resumed, .resumed(state.progress, language: "ar", at: Instant(milliseconds: time + 1)))
            #expect(resumed.currentStep == state.currentStep)
            #expect(resumed.records == state.records)
            #expect(resumed.history == state.history)
        }
    }
}
