import AtelierContent
import Testing
@testable import AtelierEngine

/// The read-aloud setting (issue #19): its screen, reached from the catalogue with "-", kept with a profile and for
/// a guest's session only; and, with it on, the speak effect on each new screen and only then.
@Suite("Read-aloud setting")
struct ReadAloudFlowTests {
    typealias Row = KioskFlowTests.Row
    static let flow = KioskFlowTests.flow
    static let amina = KioskFlowTests.amina
    static func at(_ s: Int) -> Instant { KioskFlowTests.at(s) }

    static func state(_ place: KioskPlace, participant: KioskProfile? = nil, reading: ReadAloudSetting = ReadAloudSetting()) -> KioskState {
        var state = KioskFlowTests.state(place, participant: participant)
        state.reading = reading
        return state
    }

    // MARK: - The setting's screen

    static let screenRows: [Row] = [
        Row(name: "- in the catalogue opens the setting", from: state(.catalogue, participant: amina), event: .line("-", at: at(1)),
            place: .readingSettings, effects: []),
        Row(name: "a fullwidth hyphen is the same key", from: state(.catalogue), event: .line("－", at: at(1)),
            place: .readingSettings, effects: []),
        Row(name: "1 turns reading each new screen on, kept with the profile", from: state(.readingSettings, participant: amina),
            event: .line("1", at: at(1)), place: .readingSettings, effects: [.saveReadAloud(automatic: true, speed: nil, participant: "p1")]),
        Row(name: "1 again turns it off", from: state(.readingSettings, participant: amina, reading: ReadAloudSetting(automatic: true)),
            event: .line("1", at: at(1)), place: .readingSettings, effects: [.saveReadAloud(automatic: false, speed: nil, participant: "p1")]),
        Row(name: "2 chooses the slow speed", from: state(.readingSettings, participant: amina), event: .line("2", at: at(1)),
            place: .readingSettings, effects: [.saveReadAloud(automatic: false, speed: .slow, participant: "p1")]),
        Row(name: "4, in Arabic-Indic digits, chooses the fast speed", from: state(.readingSettings, participant: amina),
            event: .line("٤", at: at(1)), place: .readingSettings, effects: [.saveReadAloud(automatic: false, speed: .fast, participant: "p1")]),
        Row(name: "a guest's change is never sent to the store", from: state(.readingSettings), event: .line("1", at: at(1)),
            place: .readingSettings, effects: []),
        Row(name: "Enter goes back to the catalogue", from: state(.readingSettings, participant: amina), event: .line("", at: at(1)),
            place: .catalogue, effects: []),
        Row(name: "0 goes back to the catalogue, not out of the profile", from: state(.readingSettings, participant: amina),
            event: .line("0", at: at(1)), place: .catalogue, effects: []),
        Row(name: "a number not on the screen is said", from: state(.readingSettings), event: .line("5", at: at(1)),
            place: .readingSettings, effects: [], notice: .invalidChoice),
    ]

    @Test(arguments: screenRows)
    func theSettingsScreen(row: Row) {
        KioskFlowTests.check(row)
    }

    /// What each key leaves in the state: the setting, and the profile the flow keeps (so that it stays the same
    /// after the language changes, say).
    @Test(arguments: [("1", ReadAloudSetting(automatic: true, speed: .normal)), ("2", ReadAloudSetting(automatic: false, speed: .slow)),
                      ("3", ReadAloudSetting(automatic: false, speed: .normal)), ("4", ReadAloudSetting(automatic: false, speed: .fast))])
    func aKeyChangesTheSettingAndTheProfile(key: String, expected: ReadAloudSetting) {
        var state = Self.state(.readingSettings, participant: Self.amina)
        _ = Self.flow.reduce(&state, .line(key, at: Self.at(1)))
        #expect(state.reading == expected)
        #expect(state.participant?.readsAloud == expected.automatic)
        #expect(state.participant?.speed == (key == "1" ? nil : expected.speed))
    }

    /// A profile opens with its own setting; one that never chose a speed gets the kiosk's.
    @Test(arguments: [(KioskProfile(id: "p2", pseudonym: "Dawit", hasPIN: false, language: "ti", readsAloud: true, speed: .fast),
                       ReadAloudSetting(automatic: true, speed: .fast)),
                      (KioskProfile(id: "p3", pseudonym: "Nour", hasPIN: false, language: "ar"), ReadAloudSetting(automatic: false, speed: .slow))])
    func signingInTakesTheProfilesSetting(profile: KioskProfile, expected: ReadAloudSetting) {
        let flow = KioskFlow(languages: ["fr", "ar", "ti"], modules: [TestModule.module()], speed: .slow)
        var state = flow.initialState(at: Self.at(0))
        #expect(state.reading == ReadAloudSetting(automatic: false, speed: .slow))
        state.place = .choosePseudonym([profile])
        let effects = flow.reduce(&state, .signedIn(.success(profile), at: Self.at(1)))
        #expect(state.place == .catalogue && state.reading == expected)
        // Read at once when it is on: the catalogue is a new screen.
        #expect(effects == (expected.automatic ? [.speakScreen] : []))
    }

    /// A guest's setting lasts their session: leaving (0, or the idle logout) gives the next person the kiosk's.
    @Test(arguments: [KioskEvent.line("0", at: at(1)), .tick(at: at(10_000_000))])
    func aGuestsSettingEndsWithTheirSession(event: KioskEvent) {
        var state = Self.state(.catalogue, reading: ReadAloudSetting(automatic: true, speed: .fast))
        let effects = Self.flow.reduce(&state, event)
        #expect(state.place == .welcome)
        #expect(state.reading == ReadAloudSetting())
        #expect(!effects.contains(.speakScreen), "the first screen is not read to the next person")
    }

    // MARK: - The speak effect

    /// One event from one state; the speech effects it gives with reading each new screen on, and off.
    struct Auto: CustomTestStringConvertible, Sendable {
        let name: String
        let from: KioskState
        let event: KioskEvent
        let on: [KioskEffect]
        let off: [KioskEffect]
        var testDescription: String { name }
    }

    static func speaking(_ state: KioskState) -> KioskState {
        var state = state
        state.speaking = true
        return state
    }

    /// The first step of the test module (a text) open for Amina.
    static var atIntro: KioskState {
        var state = state(.catalogue, participant: amina)
        _ = flow.reduce(&state, .lessonReady(module: 0, content: KioskFlowTests.content, previous: nil, seed: 7, at: at(1)))
        return state
    }

    static let autoRows: [Auto] = [
        Auto(name: "a new place is read", from: state(.profileMenu), event: .line("3", at: at(1)), on: [.speakScreen], off: []),
        Auto(name: "what was being read stops first", from: speaking(state(.profileMenu)), event: .line("3", at: at(1)),
             on: [.stopSpeaking, .speakScreen], off: [.stopSpeaking]),
        Auto(name: "a notice on the same screen is not a new screen", from: state(.catalogue), event: .line("9", at: at(1)), on: [], off: []),
        Auto(name: "the store's answer that opens a screen", from: state(.profileMenu),
             event: .participantsListed([amina]), on: [.speakScreen], off: []),
        Auto(name: "the store failing while reading: stop, then read the out-of-order screen", from: speaking(state(.catalogue)),
             event: .storeFailed, on: [.stopSpeaking, .speakScreen], off: []),
        Auto(name: "a module opens", from: state(.catalogue, participant: amina),
             event: .lessonReady(module: 0, content: KioskFlowTests.content, previous: nil, seed: 7, at: at(1)), on: [.speakScreen], off: []),
        Auto(name: "the next step", from: atIntro, event: .line("", at: at(2)), on: [.speakScreen], off: []),
        Auto(name: "the feedback of an answer", from: KioskFlowTests.inLesson(), event: .line("2", at: at(3)), on: [.speakScreen], off: []),
        Auto(name: "the hint is the same screen", from: KioskFlowTests.inLesson(), event: .line("?", at: at(3)), on: [], off: []),
        Auto(name: "the glossary is the same screen", from: KioskFlowTests.inLesson(), event: .line("=", at: at(3)), on: [], off: []),
        Auto(name: "the French beside the text is the same screen", from: KioskFlowTests.inLesson(), event: .line("+", at: at(3)), on: [], off: []),
        Auto(name: "back to the step before", from: KioskFlowTests.inLesson(), event: .line("<", at: at(3)), on: [.speakScreen], off: []),
        Auto(name: "a page turned is the same screen", from: state(.catalogue), event: .activity(at: at(1)), on: [], off: []),
        Auto(name: "the countdown is the same screen", from: state(.catalogue), event: .tick(at: at(50)), on: [], off: []),
        Auto(name: "the listen key still reads at once", from: state(.catalogue), event: .line("L", at: at(1)), on: [.speakScreen], off: [.speakScreen]),
        Auto(name: "the listen key still stops", from: speaking(state(.catalogue)), event: .line("L", at: at(1)),
             on: [.stopSpeaking], off: [.stopSpeaking]),
        Auto(name: "the setting's own changes are the same screen", from: state(.readingSettings), event: .line("2", at: at(1)), on: [], off: []),
        Auto(name: "the idle logout stops and reads nothing to the next person", from: speaking(state(.catalogue)),
             event: .tick(at: at(10_000_000)), on: [.stopSpeaking], off: [.stopSpeaking]),
    ]

    @Test(arguments: autoRows)
    func theSpeakEffect(row: Auto) {
        for automatic in [true, false] {
            var state = row.from
            state.reading.automatic = automatic
            let speech = Self.flow.reduce(&state, row.event).filter { $0 == .speakScreen || $0 == .stopSpeaking }
            #expect(speech == (automatic ? row.on : row.off), "reading each new screen \(automatic ? "on" : "off")")
            if speech.last == .speakScreen { #expect(state.speaking, "the flow knows it is reading") }
        }
    }

    /// The speak effect comes after the store's effects of the same event: an answer is recorded, then its feedback read.
    @Test func theFeedbackIsReadAfterTheAnswerIsRecorded() {
        var state = KioskFlowTests.inLesson()
        state.reading.automatic = true
        let effects = Self.flow.reduce(&state, .line("1", at: Self.at(3)))
        #expect(effects.last == .speakScreen)
        #expect(effects.contains { if case .record = $0 { true } else { false } })
    }
}
