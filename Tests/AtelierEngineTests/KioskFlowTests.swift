import AtelierContent
import PropertyBased
import Testing
@testable import AtelierEngine

/// The kiosk's screen flow without a terminal, a clock or a store (issue #18): one row per transition, and
/// properties over random sequences of everything a participant can type.
@Suite("Kiosk flow")
struct KioskFlowTests {
    static let flow = KioskFlow(languages: ["fr", "en", "ar", "ti"], modules: [TestModule.module()], idleTimeout: 60_000)
    static let content = LessonContent(module: TestModule.module())
    static let amina = KioskProfile(id: "p1", pseudonym: "Amina", hasPIN: true, language: "ar")
    static func at(_ s: Int) -> Instant { TestModule.at(s) }

    /// A state at `place`, for the table.
    static func state(_ place: KioskPlace, participant: KioskProfile? = nil, store: Bool = true) -> KioskState {
        var state = flow.initialState(at: at(0))
        state.place = place
        state.participant = participant
        state.storeAvailable = store
        return state
    }

    /// A participant in the module, at its question `who`.
    static func inLesson(participant: KioskProfile? = amina) -> KioskState {
        var state = state(.catalogue, participant: participant)
        _ = flow.reduce(&state, .lessonReady(module: 0, content: content, previous: nil, seed: 7, at: at(1)))
        _ = flow.reduce(&state, .line("", at: at(2)))  // past the text step
        return state
    }

    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let from: KioskState
        let event: KioskEvent
        let place: KioskPlace
        let effects: [KioskEffect]
        var notice: KioskNotice? = nil
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a language is chosen", from: state(.welcome), event: .line("3", at: at(1)), place: .privacy, effects: []),
        Row(name: "a number that is not on screen does nothing", from: state(.welcome), event: .line("9", at: at(1)), place: .welcome, effects: []),
        Row(name: "0 on the first screen asks whether a facilitator PIN is set", from: state(.welcome), event: .line("0", at: at(1)),
            place: .welcome, effects: [.askFacilitatorPIN]),
        Row(name: "an Arabic-Indic zero is the same key", from: state(.welcome), event: .line("٠", at: at(1)), place: .welcome,
            effects: [.askFacilitatorPIN]),
        Row(name: "no facilitator PIN: the kiosk stays and says how to set one", from: state(.welcome), event: .facilitatorPIN(isSet: false),
            place: .welcome, effects: [], notice: .noFacilitatorPIN),
        Row(name: "a facilitator PIN: it is asked", from: state(.welcome), event: .facilitatorPIN(isSet: true), place: .exitPIN, effects: []),
        Row(name: "the facilitator PIN is checked, folded to ASCII digits", from: state(.exitPIN), event: .line("١٢٣٤", at: at(1)),
            place: .exitPIN, effects: [.checkFacilitatorPIN("1234")]),
        Row(name: "a wrong facilitator PIN goes back to the first screen", from: state(.exitPIN), event: .facilitatorPINChecked(false, at: at(1)),
            place: .welcome, effects: []),
        Row(name: "the right facilitator PIN opens the facilitator's screen", from: state(.exitPIN), event: .facilitatorPINChecked(true, at: at(1)),
            place: .facilitator, effects: []),
        Row(name: "1 on the facilitator's screen ends the kiosk", from: state(.facilitator), event: .line("1", at: at(1)),
            place: .facilitator, effects: [.exit]),
        Row(name: "anything else on the facilitator's screen goes back to the first screen", from: state(.facilitator),
            event: .line("", at: at(1)), place: .welcome, effects: []),
        Row(name: "the facilitator's screen left open goes back to the first screen", from: state(.facilitator),
            event: .tick(at: at(10_000_000)), place: .welcome, effects: [.forgetTyped]),
        Row(name: "Ctrl-D is nothing", from: state(.profileMenu), event: .endOfInput(at: at(1)), place: .profileMenu, effects: []),
        Row(name: "a new profile", from: state(.profileMenu), event: .line("1", at: at(1)), place: .newPseudonym, effects: []),
        Row(name: "a new profile without a data file: out of order", from: state(.profileMenu, store: false), event: .line("1", at: at(1)),
            place: .outOfOrder, effects: []),
        Row(name: "the list of pseudonyms comes from the store", from: state(.profileMenu), event: .line("2", at: at(1)),
            place: .profileMenu, effects: [.listParticipants]),
        Row(name: "a guest goes to the catalogue", from: state(.profileMenu), event: .line("3", at: at(1)), place: .catalogue, effects: []),
        Row(name: "a wrong number on the profile menu is said", from: state(.profileMenu), event: .line("7", at: at(1)), place: .profileMenu,
            effects: [], notice: .invalidChoice),
        Row(name: "a pseudonym, then its PIN", from: state(.newPseudonym), event: .line("Amina", at: at(1)),
            place: .newPIN(pseudonym: "Amina"), effects: []),
        Row(name: "the new PIN goes to the store folded", from: state(.newPIN(pseudonym: "Amina")), event: .line("۲۵۸۰", at: at(1)),
            place: .newPIN(pseudonym: "Amina"), effects: [.createProfile(pseudonym: "Amina", pin: "2580", language: "fr")]),
        Row(name: "a taken pseudonym asks for another", from: state(.newPIN(pseudonym: "Amina")),
            event: .profileCreated(.failure(.pseudonymTaken)), place: .newPseudonym, effects: [], notice: .pseudonymTaken),
        Row(name: "a profile made opens the catalogue", from: state(.newPIN(pseudonym: "Amina")), event: .profileCreated(.success(amina)),
            place: .catalogue, effects: []),
        Row(name: "a profile with a PIN asks for it", from: state(.choosePseudonym([amina])), event: .line("1", at: at(1)),
            place: .askPIN(amina), effects: []),
        Row(name: "a wrong PIN says how many tries are left", from: state(.askPIN(amina)), event: .signedIn(.failure(.wrongPIN(attemptsLeft: 2)), at: at(1)),
            place: .askPIN(amina), effects: [], notice: .wrongPIN(attemptsLeft: 2)),
        Row(name: "a module is prepared by the shell", from: state(.catalogue, participant: amina), event: .line("1", at: at(1)),
            place: .catalogue, effects: [.prepareLesson(module: 0, language: "fr", participant: "p1")]),
        Row(name: "0 in the catalogue logs out", from: state(.catalogue, participant: amina), event: .line("0", at: at(1)),
            place: .welcome, effects: [.forgetTyped]),
        Row(name: "a fullwidth star changes the language", from: state(.catalogue), event: .line("＊", at: at(1)), place: .chooseLanguage, effects: []),
        Row(name: "the out-of-order screen tries the store again", from: state(.outOfOrder), event: .line("", at: at(1)),
            place: .outOfOrder, effects: [.reopenStore]),
        Row(name: "the store back: the profile menu", from: state(.outOfOrder, store: false), event: .store(available: true),
            place: .profileMenu, effects: []),
    ]

    /// A state that is reading its screen aloud.
    static func speaking(_ place: KioskPlace) -> KioskState {
        var state = state(place)
        state.speaking = true
        return state
    }

    /// The listen key (issue #19): the same on every screen but a PIN's; again, it stops; another key is
    /// handled at once and stops the reading; no sound and no voice are said.
    static let listening: [Row] = [
        Row(name: "L reads the screen aloud", from: state(.welcome), event: .line("L", at: at(1)), place: .welcome, effects: [.speakScreen]),
        Row(name: "a fullwidth Ｌ, a lowercase l and the loudspeaker are the same key", from: state(.catalogue), event: .line("🔊", at: at(1)),
            place: .catalogue, effects: [.speakScreen]),
        Row(name: "L again stops", from: speaking(.catalogue), event: .line("ｌ", at: at(1)), place: .catalogue, effects: [.stopSpeaking]),
        Row(name: "another key while reading is handled at once, and the reading stops", from: speaking(.profileMenu),
            event: .line("3", at: at(1)), place: .catalogue, effects: [.stopSpeaking]),
        Row(name: "no sound on this kiosk: said, and nothing is being read", from: speaking(.catalogue), event: .readAloud(.noSound),
            place: .catalogue, effects: [], notice: .noSound),
        Row(name: "a language with no voice: read in French, and said", from: speaking(.catalogue), event: .readAloud(.inFrench),
            place: .catalogue, effects: [], notice: .readInFrench),
        Row(name: "the idle logout stops the reading", from: speaking(.catalogue), event: .tick(at: at(10_000_000)),
            place: .welcome, effects: [.stopSpeaking, .forgetTyped]),
    ]

    @Test(arguments: listening)
    func theListenKey(row: Row) {
        let state = Self.check(row)
        if row.effects == [.speakScreen] { #expect(state.speaking) }
        if row.effects.contains(.stopSpeaking) || row.notice == .noSound { #expect(!state.speaking) }
    }

    /// On a PIN screen what is typed is the PIN (checked, never a command): L is never the listen key there.
    @Test(arguments: [KioskPlace.newPIN(pseudonym: "Amina"), .askPIN(amina), .exitPIN])
    func onAPINScreenLIsNotTheListenKey(place: KioskPlace) {
        var state = Self.state(place)
        let effects = Self.flow.reduce(&state, .line("L", at: Self.at(1)))
        #expect(!effects.contains(.speakScreen) && !state.speaking)
    }

    @Test(arguments: rows)
    func aTransition(row: Row) {
        _ = Self.check(row)
    }

    /// One row: the place, the effects and the notice after its event; the state, for more checks.
    @discardableResult
    static func check(_ row: Row) -> KioskState {
        var state = row.from
        let effects = flow.reduce(&state, row.event)
        #expect(state.place == row.place)
        #expect(effects == row.effects)
        #expect(state.notice == row.notice)
        return state
    }

    @Test func aWrongAnswerThenTheRightOneTypedAtOnceAreBothRecorded() {
        var state = Self.inLesson()
        let wrong = Self.flow.reduce(&state, .line("2", at: Self.at(3)))  // presentation order is seeded: find the ids
        guard case .lesson(let lesson) = state.place, let step = lesson.engine.content.module.step("who") else {
            Issue.record("not in the lesson"); return
        }
        let order = lesson.state.presentation(of: step)
        // Whatever "2" was, the right answer typed next counts if tries are left.
        let right = String((order.firstIndex(of: "caf") ?? 0) + 1)
        let second = Self.flow.reduce(&state, .line(right, at: Self.at(4)))
        let recorded = (wrong + second).compactMap { effect -> Bool? in
            if case .record(let attempt, _, _) = effect { return attempt.correct } else { return nil }
        }
        #expect(recorded.last == true)
        #expect(recorded.count == (order[1] == "caf" ? 1 : 2))
    }

    @Test func aGuestsAnswersAreNeverSentToTheStore() {
        var state = Self.inLesson(participant: nil)
        let effects = Self.flow.reduce(&state, .line("1", at: Self.at(3)))
        #expect(!effects.contains { if case .record = $0 { true } else { false } })
    }

    @Test func theIdleTimeoutCountsDownThenLogsOutAndSavesProgress() {
        var state = Self.inLesson()
        #expect(Self.flow.reduce(&state, .tick(at: Self.at(30))) == [])
        #expect(state.countdown == nil)
        _ = Self.flow.reduce(&state, .tick(at: Self.at(45)))
        #expect(state.countdown == 17)
        let effects = Self.flow.reduce(&state, .tick(at: Self.at(63)))
        #expect(state.place == .welcome && state.participant == nil && state.language == "fr")
        #expect(effects.first.map { if case .saveProgress = $0 { true } else { false } } == true)
        #expect(effects.last == .forgetTyped)
    }

    @Test func fiveWrongFacilitatorPINsMakeLeavingWait() {
        var state = Self.state(.welcome)
        for attempt in 0..<KioskFlow.exitTries {
            _ = Self.flow.reduce(&state, .line("0", at: Self.at(attempt)))
            _ = Self.flow.reduce(&state, .facilitatorPIN(isSet: true))
            _ = Self.flow.reduce(&state, .facilitatorPINChecked(false, at: Self.at(attempt)))
        }
        #expect(Self.flow.reduce(&state, .line("0", at: Self.at(10))) == [])
        #expect(Self.flow.reduce(&state, .line("0", at: Self.at(40))) == [.askFacilitatorPIN])
    }

    // MARK: - Properties

    static let lines = ["0", "1", "2", "3", "4", "9", "", "<", ">", "?", "+", "=", "*", "٠", "０", "؟", "abc", "2580", "1 2", "caf"]

    /// Random sequences of lines, keys, ticks and store answers: the kiosk never ends unless the store said
    /// the facilitator PIN was right, and nothing typed ever makes it end by itself.
    @Test func noSequenceOfEventsLeavesWithoutTheFacilitatorPIN() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...10_000).array(of: 1...150)) { codes in
            var state = Self.flow.initialState(at: Self.at(0))
            var time = 0
            for code in codes {
                time += code % 7
                let event: KioskEvent
                switch code % 11 {
                case 0: event = .tick(at: Self.at(time * 10))
                case 1: event = .endOfInput(at: Self.at(time))
                case 2: event = .facilitatorPIN(isSet: code % 2 == 0)
                case 3: event = .facilitatorPINChecked(false, at: Self.at(time))
                case 4: event = .participantsListed([Self.amina])
                case 5: event = .signedIn(.success(Self.amina), at: Self.at(time))
                case 6: event = .lessonReady(module: 0, content: Self.content, previous: nil,
                                             seed: UInt64(code), at: Self.at(time))
                case 7: event = .store(available: code % 3 != 0)
                default: event = .line(Self.lines[code % Self.lines.count], at: Self.at(time))
                }
                let effects = Self.flow.reduce(&state, event)
                #expect(!effects.contains(.exit))
                #expect(state.running)
            }
        }
    }

    /// Wherever a question is asked (or its feedback after a wrong try is shown), a valid answer typed by a
    /// participant with a profile goes to the store.
    @Test func anAnswerTypedWhereAnsweringIsAllowedIsRecorded() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...10_000).array(of: 0...40)) { codes in
            var state = Self.inLesson()
            var time = 3
            for code in codes {
                time += 1
                _ = Self.flow.reduce(&state, .line(Self.lines[code % Self.lines.count], at: Self.at(time)))
            }
            guard case .lesson(let lesson) = state.place, let id = lesson.state.currentStep,
                  let step = lesson.engine.content.module.step(id), step.content.isQuestion else { return }
            var open = lesson.state.phase == .asking
            if case .feedback(_, finished: false) = lesson.state.phase { open = true }
            guard open, lesson.state.status == .inProgress,
                  let answer = LessonEnginePropertyTests.rightAnswer(step), case .choices(let ids) = answer, ids.count == 1,
                  let index = lesson.state.presentation(of: step).firstIndex(of: ids.first!) else { return }
            let effects = Self.flow.reduce(&state, .line(String(index + 1), at: Self.at(time + 1)))
            #expect(effects.contains { if case .record = $0 { true } else { false } }, "\(id)")
        }
    }
}
