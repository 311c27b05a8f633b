import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierText

/// What the listen key reads on each screen, in order: the step's text, then its options with their numbers,
/// then what to do (the prompt). Pure: from the flow's state and the texts, like the screens themselves.
/// A language no voice may read (Pashto, Tigrinya) is read in French, and the screen says so.
public enum KioskSpeech {
    public struct Script: Equatable, Sendable {
        /// The language whose voice reads the screen: the participant's, or French when it has none.
        public var language: String
        public var segments: [SpeechSegment]
        /// True when the French reading replaces a language without a voice.
        public var inFrench: Bool
    }

    /// `hasVoice` says whether a registry language may be read; `text` gives a module's texts in a language;
    /// `strings` the interface strings of a language.
    public static func script(_ state: KioskState, content: KioskContent, hasVoice: (String) -> Bool,
                              text: (Int, String) -> LessonText, strings: (String) -> InterfaceStrings) -> Script {
        let own = state.language
        let language = hasVoice(own) ? own : "fr"
        let words = strings(language)
        var reader = Reader(language: language)
        func add(_ said: String) { reader.add(said) }
        func numbered(_ number: Int, _ said: String) { reader.numbered(number, said) }
        switch state.place {
        case .welcome, .chooseLanguage:
            // Each language's name in its own voice, with its number: a language can be chosen by ear.
            for (index, info) in content.languages.enumerated() {
                let voice = hasVoice(info.code) ? info.code : "fr"
                reader.segments.append(SpeechSegment("\(index + 1).", language: voice))
                if hasVoice(info.code) { reader.segments.append(SpeechSegment(info.endonym, language: info.code)) }
            }
        case .privacy:
            add(words.spoken("privacy.body")); add(words.spoken("privacy.continue"))
        case .profileMenu:
            add(words.spoken("profile.title"))
            for (index, key) in ["profile.new", "profile.continue", "profile.guest"].enumerated() { numbered(index + 1, words.spoken(key)) }
        case .newPseudonym:
            add(words.spoken("profile.pseudonym"))
        case .newPIN:
            add(words.spoken("profile.pin"))
        case .askPIN:
            add(words.spoken("profile.pin-ask"))
        case .choosePseudonym:
            // Pseudonyms are not read out in a shared room: only what to do.
            add(words.spoken("profile.choose"))
        case .catalogue:
            add(words.spoken("catalogue.title"))
            for index in content.modules.indices {
                reader.recordings = text(index, own).recordings
                reader.numbered(index + 1, .moduleTitle, of: text(index, language))
            }
            reader.recordings = Recordings()
            add(words.spoken("catalogue.choose"))
        case .lesson(let lesson):
            guard content.modules.indices.contains(lesson.module) else { break }
            reader.segments += step(lesson.state, text: text(lesson.module, language), strings: words, language: language,
                                    recordings: text(lesson.module, own).recordings)
        case .reflectionConsent:
            add(words.spoken("step.keep-answer"))
        case .summary(_, let module):
            add(words.spoken("summary.title"))
            if content.modules.indices.contains(module) {
                reader.recordings = text(module, own).recordings
                reader.add(.moduleTitle, of: text(module, language))
            }
            add(words.spoken("step.continue"))
        case .confirmLanguage:
            add(words.spoken("language.confirm"))
        case .exitPIN:
            add(words.spoken("exit.pin"))
        case .facilitator:
            add(words.spoken("facilitator.title"))
        case .outOfOrder:
            add(words.spoken("out-of-order.body"))
        }
        return Script(language: language, segments: reader.segments, inFrench: language != own)
    }

    /// Segments in reading order: texts cut around their French words, options after their number.
    struct Reader {
        let language: String
        var terms: [String] = []
        var segments: [SpeechSegment] = []
        /// Recordings in the participant's language (not necessarily the reading's: a Pashto recording is
        /// played on a screen otherwise read in French).
        var recordings = Recordings()

        mutating func add(_ said: String) {
            segments += SpeechScript.segments(said, language: language, frenchTerms: terms)
        }

        mutating func numbered(_ number: Int, _ said: String) {
            segments.append(SpeechSegment("\(number).", language: language))
            add(said)
        }

        /// A lesson text: in the language when it is translated, else its French with the French voice (an
        /// Arabic voice reading a French fallback would be heard as noise).
        mutating func add(_ context: TranslationKey, of text: LessonText) {
            if let path = recordings.path(context) {
                segments.append(SpeechSegment(recording: path, of: FrenchSpan.plain(text.spokenText(context)), language: recordings.language ?? language))
                return
            }
            let said = text.spokenText(context)
            if text.isTranslated(context) { add(said) } else { segments.append(SpeechSegment(FrenchSpan.plain(said), language: "fr")) }
        }

        mutating func numbered(_ number: Int, _ context: TranslationKey, of text: LessonText) {
            segments.append(SpeechSegment("\(number).", language: language))
            add(context, of: text)
        }
    }

    /// A lesson step: its title, its text, its options with their numbers, the feedback once answered, and
    /// what to do.
    static func step(_ state: LessonState, text: LessonText, strings: InterfaceStrings, language: String,
                     recordings: Recordings = Recordings()) -> [SpeechSegment] {
        guard let id = state.currentStep, let step = text.module.step(id) else { return [] }
        var reader = Reader(language: language, terms: text.module.glossary.map(\.term), recordings: recordings)
        func add(_ said: String) { reader.add(said) }
        func numbered(_ number: Int, _ said: String) { reader.numbered(number, said) }
        if step.title != nil { reader.add(.step(id, .title), of: text) }
        let presentation = state.presentation(of: step)
        var instruction = strings.spoken("step.continue")
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
            add(strings.spoken("step.terms"))
            for pair in pairs { reader.segments.append(SpeechSegment(pair.term, language: "fr")) }
            add(strings.spoken("step.meanings"))
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
            add(strings.spoken(result.correct ? "feedback.right" : "feedback.wrong"))
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
            if finished, step.explanation != nil { reader.add(.step(id, .explanation), of: text) }
            instruction = finished ? strings.spoken("step.continue") : strings.spoken("feedback.try-again")
        }
        if state.hintShown, step.hint != nil { reader.add(.step(id, .hint), of: text) }
        add(instruction)
        return reader.segments.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
