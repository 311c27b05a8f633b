import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierText

/// What the listen key reads on each screen, in order: the step's text, then its options with their numbers,
/// then what to do (the prompt). Pure: from the flow's state and the texts, like the screens themselves.
/// A language no voice may read (Pashto, Tigrinya) is read in French, and the screen says so, except the texts
/// someone recorded in it (`Lessons/<module>/audio/<lang>/`), which are played in their place.
public enum KioskSpeech {
    public struct Script: Equatable, Sendable {
        /// The language whose voice reads the screen: the participant's, or French when it has none.
        public var language: String
        public var segments: [SpeechSegment]
        /// The part of the screen each segment reads (nil: a part the screen does not mark, always read).
        public var parts: [ScreenPart?]
        /// True when the French reading replaces a language without a voice.
        public var inFrench: Bool

        /// The script from the page whose first row is `row` of `screen` on: the parts that lie wholly on earlier
        /// pages are left out. A part that begins on an earlier page and runs onto this one is read whole, not from
        /// the middle of a sentence; a page with nothing left to read (the command bar alone) reads the screen.
        public func reading(fromRow row: Int, of screen: Screen) -> Script {
            guard row > 0 else { return self }
            let starts = Set(screen.marks.values).sorted()
            /// Where a part's text ends: before the next part, without the blank rows between them.
            func end(of start: Int) -> Int {
                var end = starts.first { $0 > start } ?? screen.rows.count
                while end > start + 1 && screen.rows[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
                return end
            }
            var kept = Script(language: language, segments: [], parts: [], inFrench: inFrench)
            for (segment, part) in zip(segments, parts) {
                if let part, let start = screen.marks[part.name], start < screen.rows.count, end(of: start) <= row { continue }
                kept.segments.append(segment)
                kept.parts.append(part)
            }
            return kept.segments.isEmpty ? self : kept
        }
    }

    /// `hasVoice` says whether a registry language may be read; `text` gives a module's texts in a language;
    /// `strings` the interface strings of a language.
    public static func script(_ state: KioskState, content: KioskContent, hasVoice: (String) -> Bool,
                              text: (Int, String) -> LessonText, strings: (String) -> InterfaceStrings) -> Script {
        let own = state.language
        let language = hasVoice(own) ? own : "fr"
        let words = strings(language)
        var reader = Reader(language: language)
        func add(_ said: String, _ part: ScreenPart? = nil) { reader.add(said, part) }
        func numbered(_ number: Int, _ said: String) { reader.numbered(number, said) }
        switch state.place {
        case .welcome, .chooseLanguage:
            // Each language's name in its own voice, with its number: a language can be chosen by ear.
            for (index, info) in content.languages.enumerated() {
                let voice = hasVoice(info.code) ? info.code : "fr"
                reader.part = .option(index + 1)
                reader.append(SpeechSegment("\(index + 1).", language: voice))
                if hasVoice(info.code) { reader.append(SpeechSegment(info.endonym, language: info.code)) }
            }
        case .privacy:
            add(words.spoken("privacy.body"), .paragraph(0)); add(words.spoken("privacy.continue"), .paragraph(1))
        case .profileMenu:
            add(words.spoken("profile.title"), .title)
            for (index, key) in ["profile.new", "profile.continue", "profile.guest"].enumerated() { numbered(index + 1, words.spoken(key)) }
        case .newPseudonym:
            add(words.spoken("profile.pseudonym"))
            add(words.spoken("pictures.offer"))
        case .newPIN:
            add(words.spoken("profile.pin"))
        case .askPIN:
            add(words.spoken("profile.pin-ask"))
        case .roamPIN:
            add(words.spoken("profile.other-site-pin"))
        case .choosePseudonym(let list):
            // Pseudonyms are not read out in a shared room: only what to do.
            add(words.spoken("profile.choose"), .title)
            if !list.isEmpty { add(words.spoken("pictures.offer"), .instruction) }
            if state.roams { add(words.spoken("profile.other-site")) }
        case .pictures(let choice):
            pictures(choice, strings: words, reader: &reader)
        case .catalogue:
            add(words.spoken("catalogue.title"), .title)
            for index in content.modules.indices {
                reader.recordings = text(index, own).recordings
                reader.numbered(index + 1, .moduleTitle, of: text(index, language))
            }
            reader.recordings = Recordings()
            add(words.spoken("catalogue.choose"), .instruction)
            // The command bar is not read on other screens; here it says how to reach the read-aloud setting,
            // which whoever listens rather than reads needs most.
            add(words.spoken("reading.open"), .commands)
        case .readingSettings:
            add(words.spoken("reading.title"), .title)
            for (index, option) in KioskRenderer.readingOptions(state.reading, strings: words).enumerated() { numbered(index + 1, option) }
            if state.participant == nil { add(words.spoken("reading.guest"), .text) }
            add(words.spoken("reading.choose"), .instruction)
        case .lesson(let lesson):
            guard content.modules.indices.contains(lesson.module) else { break }
            let read = step(lesson.state, text: text(lesson.module, language), strings: words, language: language,
                            recordings: text(lesson.module, own).recordings)
            reader.segments += read.segments
            reader.parts += read.parts
        case .reflectionConsent:
            add(words.spoken("step.keep-answer"), .title)
        case .summary(_, let module):
            add(words.spoken("summary.title"), .title)
            reader.part = .text
            if content.modules.indices.contains(module) {
                reader.recordings = text(module, own).recordings
                reader.add(.moduleTitle, of: text(module, language))
            }
            add(words.spoken("step.continue"), .instruction)
        case .confirmLanguage:
            add(words.spoken("language.confirm"), .instruction)
        case .exitPIN:
            add(words.spoken("exit.pin"), .paragraph(0))
        case .facilitator:
            add(words.spoken("facilitator.title"), .title)
        case .outOfOrder:
            add(words.spoken("out-of-order.body"), .text)
        }
        return Script(language: language, segments: reader.segments, parts: reader.parts, inFrench: language != own)
    }

    /// Segments in reading order: texts cut around their French words, options after their number; each tagged
    /// with the part of the screen it reads (`part`, set before adding).
    struct Reader {
        let language: String
        var terms: [String] = []
        var segments: [SpeechSegment] = []
        var parts: [ScreenPart?] = []
        /// The part of the screen the next segments read.
        var part: ScreenPart?
        /// Recordings in the participant's language (not necessarily the reading's: a Pashto recording is
        /// played on a screen otherwise read in French).
        var recordings = Recordings()

        mutating func append(_ segment: SpeechSegment) {
            segments.append(segment)
            parts.append(part)
        }

        mutating func add(_ said: String) {
            for segment in SpeechScript.segments(said, language: language, frenchTerms: terms) { append(segment) }
        }

        /// Interface text that is part `part` of the screen.
        mutating func add(_ said: String, _ part: ScreenPart?) {
            self.part = part
            add(said)
        }

        mutating func numbered(_ number: Int, _ said: String) {
            part = .option(number)
            append(SpeechSegment("\(number).", language: language))
            add(said)
        }

        /// A lesson text: in the language when it is translated, else its French with the French voice (an
        /// Arabic voice reading a French fallback would be heard as noise).
        mutating func add(_ context: TranslationKey, of text: LessonText) {
            if let path = recordings.path(context) {
                append(SpeechSegment(recording: path, of: FrenchSpan.plain(text.spokenText(context)), language: recordings.language ?? language))
                return
            }
            let said = text.spokenText(context)
            if text.isTranslated(context) { add(said) } else { append(SpeechSegment(FrenchSpan.plain(said), language: "fr")) }
        }

        mutating func numbered(_ number: Int, _ context: TranslationKey, of text: LessonText) {
            part = .option(number)
            append(SpeechSegment("\(number).", language: language))
            add(context, of: text)
        }
    }

    /// A lesson step: its title, its text, its options with their numbers, the feedback once answered, and
    /// what to do.
    static func step(_ state: LessonState, text: LessonText, strings: InterfaceStrings,
                     language: String, recordings: Recordings = Recordings()) -> (segments: [SpeechSegment], parts: [ScreenPart?]) {
        guard let id = state.currentStep, let step = text.module.step(id) else { return ([], []) }
        var reader = Reader(language: language, terms: text.module.glossary.map(\.term), recordings: recordings)
        func add(_ said: String, _ part: ScreenPart) { reader.add(said, part) }
        func numbered(_ number: Int, _ said: String) { reader.numbered(number, said) }
        if step.title != nil {
            reader.part = .title
            reader.add(.step(id, .title), of: text)
        }
        let presentation = state.presentation(of: step)
        var instruction = strings.spoken("step.continue")
        reader.part = .text
        switch step.content {
        case .text:
            reader.add(.step(id, .body), of: text)
        case .choice(_, _, let correct):
            reader.add(.step(id, .prompt), of: text)
            for (index, choice) in presentation.enumerated() { reader.numbered(index + 1, .choice(id, choice), of: text) }
            instruction = strings.spoken(correct.count > 1 ? "step.answer-numbers" : "step.answer-number")
        case .trueFalse:
            reader.add(.step(id, .statement), of: text)
            numbered(1, strings.spoken("step.true"))
            numbered(2, strings.spoken("step.false"))
            instruction = strings.spoken("step.answer-number")
        case .input:
            reader.add(.step(id, .prompt), of: text)
            instruction = strings.spoken("step.answer-text")
        case .order:
            reader.add(.step(id, .prompt), of: text)
            for (index, item) in presentation.enumerated() { reader.numbered(index + 1, .item(id, item), of: text) }
            instruction = strings.spoken("step.answer-order")
        case .match(_, let pairs):
            reader.add(.step(id, .prompt), of: text)
            add(strings.spoken("step.terms"), .terms)
            for pair in pairs { reader.append(SpeechSegment(pair.term, language: "fr")) }
            add(strings.spoken("step.meanings"), .meanings)
            for (index, pair) in presentation.enumerated() { reader.numbered(index + 1, .pairMeaning(id, pair), of: text) }
            instruction = strings.spoken("step.answer-match")
        case .scenario:
            reader.add(.step(id, .situation), of: text)
            for (index, option) in presentation.enumerated() { reader.numbered(index + 1, .option(id, option), of: text) }
            instruction = strings.spoken("step.answer-number")
        case .reflection:
            reader.add(.step(id, .prompt), of: text)
            instruction = strings.spoken("step.answer-reflection")
        }
        if case .feedback(let result, let finished) = state.phase {
            add(strings.spoken(result.correct ? "feedback.right" : "feedback.wrong"), .feedback)
            switch step.content {
            case .choice:
                for choice in result.feedbackFor { reader.add(.choiceFeedback(id, choice), of: text) }
            case .trueFalse(_, _, let feedback):
                for value in result.feedbackFor where feedback[value == "true"] != nil { reader.add(.feedback(id, answer: value == "true"), of: text) }
            case .scenario:
                for option in result.feedbackFor { reader.add(.optionFeedback(id, option), of: text) }
            default:
                break
            }
            if finished, step.explanation != nil {
                reader.part = .explanation
                reader.add(.step(id, .explanation), of: text)
            }
            instruction = finished ? strings.spoken("step.continue") : strings.spoken("feedback.try-again")
        }
        if state.hintShown, step.hint != nil {
            reader.part = .hint
            reader.add(.step(id, .hint), of: text)
        }
        add(instruction, .instruction)
        let kept = zip(reader.segments, reader.parts).filter { !$0.0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        return (kept.map(\.0), kept.map(\.1))
    }
}
