import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierText
import Testing
@testable import AtelierTerminal

/// What the listen key reads, screen by screen (issue #19): for each step type, the text, then the options
/// with their numbers, then what to do; French terms with the French voice; Pashto and Tigrinya in French.
@Suite("What the listen key reads")
struct KioskSpeechTests {
    static let content = GoldenScreenTests.content
    static let voices = RecordingSpeech()

    /// Texts read once per module and language (a translation file is not read again at every step).
    static let texts: [String: LessonText] = {
        var all: [String: LessonText] = [:]
        for (index, entry) in content.modules.enumerated() {
            for language in content.languages where ["fr", "ar", "ta", "ps", "ti"].contains(language.code) {
                all["\(index)/\(language.code)"] = content.text(of: entry.module, texts: entry.texts, language: language)
            }
        }
        return all
    }()
    static let strings: [String: InterfaceStrings] = Dictionary(uniqueKeysWithValues: content.languages.map { ($0.code, content.strings($0)) })

    static func script(_ state: KioskState) -> KioskSpeech.Script {
        KioskSpeech.script(state, content: content, hasVoice: { voices.hasVoice($0) },
                           text: { index, code in texts["\(index)/\(code)"]! }, strings: { code in strings[code]! })
    }

    /// A kiosk state at step `id` of module `module`, in `code`.
    static func at(_ module: String, step id: String, language code: String) throws -> (KioskState, LessonText, Step) {
        let index = try #require(content.modules.firstIndex { $0.module.id == module })
        let entry = content.modules[index]
        let language = try #require(content.languages.first { $0.code == code })
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
        var lesson = KioskLesson(module: index, engine: engine, state: engine.initialState())
        _ = engine.reduce(&lesson.state, .started(language: code, seed: 4, previous: nil, at: Instant(milliseconds: 0)))
        lesson.state.currentStep = id
        var state = KioskState(language: code, at: Instant(milliseconds: 0))
        state.place = .lesson(lesson)
        _ = language
        return (state, try #require(texts["\(index)/\(code)"]), try #require(entry.module.step(id)))
    }

    /// coop-basics has read-aloud texts in Arabic (the displayed sentence with its vowel marks): at every step
    /// the voice gets the vowelled text, and the screen keeps the text without marks.
    @Test func arabicIsReadWithItsVowelMarksWhereTheTranslatorGaveThem() throws {
        let index = try #require(Self.content.modules.firstIndex { $0.module.id == "coop-basics" })
        let marks = { (text: String) in text.unicodeScalars.contains { (0x064B...0x0652).contains($0.value) } }
        for step in Self.content.modules[index].module.steps {
            let (state, text, _) = try Self.at("coop-basics", step: step.id, language: "ar")
            let arabic = Self.script(state).segments.filter { $0.language == "ar" && $0.text.unicodeScalars.contains { (0x0621...0x064A).contains($0.value) } }
            let first = try #require(arabic.first, "coop-basics/\(step.id)")
            #expect(marks(first.text), "coop-basics/\(step.id): \(first.text)")
            // What the screen shows for the same text is the translation as written, without the added marks.
            if step.title != nil {
                let shown = text.text(.step(step.id, .title))
                let said = text.spokenText(.step(step.id, .title))
                #expect(said != shown && SpeechText.withoutMarks(FrenchSpan.plain(said)) == SpeechText.withoutMarks(shown).replacingOccurrences(of: "\u{00A0}", with: " "))
            }
        }
    }

    /// Every step of every module, in Arabic and Tamil: something is read, the options come numbered in the
    /// order shown, and the last segment says what to do.
    @Test(arguments: ["ar", "ta"])
    func everyStepIsReadInOrder(code: String) throws {
        let strings = Self.content.strings(Self.content.languages.first { $0.code == code }!)
        for entry in Self.content.modules {
            for step in entry.module.steps {
                let (state, text, _) = try Self.at(entry.module.id, step: step.id, language: code)
                let script = Self.script(state)
                #expect(script.language == code && !script.inFrench)
                let said = script.segments.map(\.text)
                #expect(!said.isEmpty, "\(entry.module.id)/\(step.id)")
                guard case .lesson(let lesson) = state.place else { continue }
                let presentation = lesson.state.presentation(of: step)
                var options: [String] = []
                switch step.content {
                case .choice: options = presentation.map { text.spokenText(.choice(step.id, $0)) }
                case .scenario: options = presentation.map { text.spokenText(.option(step.id, $0)) }
                case .order: options = presentation.map { text.spokenText(.item(step.id, $0)) }
                default: break
                }
                // "1." then the first option's words, "2." then the second's..., in the order shown.
                var cursor = 0
                for (index, option) in options.enumerated() {
                    guard let number = said[cursor...].firstIndex(of: "\(index + 1).") else {
                        Issue.record("\(entry.module.id)/\(step.id): no \(index + 1)."); break
                    }
                    let after = said[(number + 1)...].prefix(4).joined()
                    // Compared as scalars: Tamil conjuncts make one character of several letters.
                    let start = Array(FrenchSpan.plain(option).unicodeScalars.prefix(6)), read = Array(after.unicodeScalars)
                    let found = read.count >= start.count && (0...(read.count - start.count)).contains { Array(read[$0..<($0 + start.count)]) == start }
                    #expect(found, "\(entry.module.id)/\(step.id) option \(index + 1)")
                    cursor = number + 1
                }
                let instructions = ["step.continue", "step.answer-number", "step.answer-numbers", "step.answer-text", "step.answer-order",
                                    "step.answer-match", "step.answer-reflection"].map { strings.text($0) }
                #expect(instructions.contains(said.last ?? ""), "\(entry.module.id)/\(step.id) ends with \(said.last ?? "")")
            }
        }
    }

    /// A French term inside an Arabic sentence is its own segment, read with the French voice.
    @Test func frenchTermsAreReadInFrench() throws {
        let (state, _, _) = try Self.at("coop-basics", step: "who-owns", language: "ar")
        let script = Self.script(state)
        #expect(script.segments.contains { $0.language == "fr" && $0.text.lowercased().contains("coopérative") }, "\(script.segments)")
        #expect(script.segments.contains { $0.language == "ar" })
    }

    /// Pashto and Tigrinya have no voice: the screen is read in French (texts and interface), and said so.
    @Test(arguments: ["ps", "ti"])
    func aLanguageWithoutAVoiceIsReadInFrench(code: String) throws {
        let (state, _, _) = try Self.at("coop-basics", step: "who-owns", language: code)
        let script = Self.script(state)
        #expect(script.inFrench && script.language == "fr")
        #expect(script.segments.allSatisfy { $0.language == "fr" })
        let french = Self.content.strings(Self.content.languages.first { $0.code == "fr" }!)
        #expect(script.segments.last?.text == french.text("step.answer-number"))
    }

    /// The first screen reads each language's name in its own voice with its number, so that a participant
    /// who cannot read can choose theirs; a language without a voice gets its number only.
    @Test func theLanguagePickerIsReadInEachLanguage() {
        let script = Self.script(KioskState(language: "fr", at: Instant(milliseconds: 0)))
        for (index, language) in Self.content.languages.enumerated() {
            let number = script.segments.firstIndex { $0.text == "\(index + 1)." }
            #expect(number != nil)
            if Self.voices.hasVoice(language.code), let number {
                #expect(script.segments[number + 1] == SpeechSegment(language.endonym, language: language.code))
            }
        }
        #expect(!script.segments.contains { $0.language == "ps" || $0.language == "ti" })
    }

    /// A module not (yet) translated into Arabic shows its French texts: they are read with the French voice,
    /// the interface (numbers, what to do) with the Arabic one — never French words in an Arabic voice.
    @Test func anUntranslatedTextIsReadWithTheFrenchVoice() throws {
        let index = try #require(Self.content.modules.firstIndex { $0.module.id == "coop-basics" })
        let entry = Self.content.modules[index]
        let arabic = try #require(Self.content.languages.first { $0.code == "ar" })
        let untranslated = LessonText(module: entry.module, texts: entry.texts, language: arabic, translated: [:])
        let (state, _, _) = try Self.at("coop-basics", step: "who-owns", language: "ar")
        let script = KioskSpeech.script(state, content: Self.content, hasVoice: { Self.voices.hasVoice($0) },
                                        text: { _, _ in untranslated }, strings: { Self.strings[$0]! })
        let prompt = FrenchSpan.plain(untranslated.spokenText(.step("who-owns", .prompt)))
        #expect(script.segments.contains(SpeechSegment(prompt, language: "fr")), "\(script.segments)")
        #expect(script.segments.last?.language == "ar", "what to do, in Arabic")
        #expect(!script.segments.contains { $0.language == "ar" && $0.text.contains("coopérative") })
    }

    /// The catalogue says, last, how to reach the read-aloud setting: whoever listens rather than reads finds it.
    @Test func theCatalogueSaysHowToReachTheReadAloudSetting() {
        var state = KioskState(language: "fr", at: Instant(milliseconds: 0))
        state.place = .catalogue
        let script = Self.script(state)
        let french = Self.strings["fr"]!
        #expect(script.segments.last?.text == french.text("reading.open"))
        #expect(script.parts.last == .commands)
    }

    /// The setting's screen is read as it is drawn: its entries with their numbers, the chosen speed said in
    /// words, the guest's note for a guest only, then what to do.
    @Test(arguments: [true, false])
    func theReadAloudSettingIsReadWithItsNumbers(guest: Bool) {
        var state = KioskState(language: "fr", at: Instant(milliseconds: 0))
        state.place = .readingSettings
        state.reading = ReadAloudSetting(automatic: true, speed: .fast)
        if !guest { state.participant = KioskProfile(id: "p", pseudonym: "Amina", hasPIN: false, language: "fr", readsAloud: true, speed: .fast) }
        let said = Self.script(state).segments.map(\.text)
        let french = Self.strings["fr"]!
        #expect(said.first == french.text("reading.title"))
        #expect(said.contains(french.text("reading.auto-on")) && !said.contains(french.text("reading.auto-off")))
        let fast = said.firstIndex(of: "4.")
        #expect(fast != nil && said[fast! + 1] == french.text("reading.fast") + " " + french.text("reading.chosen"))
        #expect(said.contains(french.text("reading.guest")) == guest)
        #expect(said.last == french.text("reading.choose"))
    }

    /// Pseudonyms are not read out in a shared room.
    @Test func pseudonymsAreNotReadAloud() {
        var state = KioskState(language: "fr", at: Instant(milliseconds: 0))
        state.place = .choosePseudonym([KioskProfile(id: "1", pseudonym: "Amina", hasPIN: false, language: "ar")])
        #expect(!Self.script(state).segments.contains { $0.text.contains("Amina") })
    }
}
