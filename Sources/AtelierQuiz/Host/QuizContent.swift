import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierText

/// A quiz's questions in every language of the registry, prepared once when the host starts: the host sends
/// each player the text of their language without reading a file during the game.
public struct QuizContent: Sendable {
    public let module: Module
    public let questions: [QuizQuestion]
    /// In the registry's order, for the phones' language list.
    public let languages: [LanguageInfo]
    let texts: [String: [LocalizedQuestion]]
    /// The same questions as read aloud (the phones' listen buttons, the projector's key).
    let spoken: [String: [SpokenQuestion]]
    /// The interface strings of each language: the host formats what the phone page says (`PhoneTexts`).
    let interface: [String: InterfaceStrings]

    /// One question in one language.
    public struct LocalizedQuestion: Sendable, Hashable {
        public var text: String
        public var choices: [String]
        public var explanation: String?
        public var direction: TextDirection
    }

    /// One question in one language as eSpeak NG reads it: the words kept in French (`{fr:…}` and the module's
    /// glossary terms) in segments of their own, read with the French voice, as the kiosk's listen key does; a
    /// text not translated is read whole in French (an Arabic voice reading French is noise).
    public struct SpokenQuestion: Sendable, Equatable {
        public var text: [SpeechSegment]
        /// Each choice after its number ("2."), the number in the language's voice.
        public var choices: [[SpeechSegment]]
    }

    public enum LoadError: Error, Equatable, Sendable {
        case unknownModule(String, available: [String])
        /// The module has errors (lint's): no participant sees it, in the kiosk or in a quiz, until they are fixed.
        case refused(String, reasons: [ContentDiagnostic])
        case unknownQuestions([String])
        case noQuestions(String)
    }

    public static func load(repository: ContentRepository, module moduleID: String, only ids: [String]? = nil,
                            seconds: Int? = nil) -> Result<QuizContent, LoadError> {
        var content = KioskContent.load(repository, modules: false)
        let checked = KioskContent.loadCheckedModules(repository)
        content.modules = checked.modules
        guard let (module, units) = content.modules.first(where: { $0.module.id == moduleID }) else {
            let reasons = KioskContent.reasons(checked.refused, module: moduleID)
            if !reasons.isEmpty { return .failure(.refused(moduleID, reasons: reasons)) }
            return .failure(.unknownModule(moduleID, available: content.modules.map(\.module.id)))
        }
        if let ids {
            let unknown = ids.filter { id in module.step(id) == nil }
            if !unknown.isEmpty { return .failure(.unknownQuestions(unknown)) }
        }
        let questions = QuizQuestion.questions(of: module, only: ids, seconds: seconds)
        guard !questions.isEmpty else { return .failure(.noQuestions(moduleID)) }
        var texts: [String: [LocalizedQuestion]] = [:]
        var spoken: [String: [SpokenQuestion]] = [:]
        var interface: [String: InterfaceStrings] = [:]
        for language in content.languages {
            let lesson = content.text(of: module, texts: units, language: language)
            let strings = content.strings(language)
            texts[language.code] = questions.map { localize($0, in: module, lesson: lesson, strings: strings) }
            spoken[language.code] = questions.map { speak($0, in: module, lesson: lesson, strings: strings) }
            interface[language.code] = strings
        }
        return .success(QuizContent(module: module, questions: questions, languages: content.languages, texts: texts,
                                    spoken: spoken, interface: interface))
    }

    static func localize(_ question: QuizQuestion, in module: Module, lesson: LessonText, strings: InterfaceStrings) -> LocalizedQuestion {
        let id = question.stepID
        let step = module.step(id)
        var text = ""
        var choices: [String] = []
        switch step?.content {
        case .choice(_, let options, _)?:
            text = lesson.text(.step(id, .prompt))
            choices = options.map { lesson.text(.choice(id, $0.id)) }
        case .trueFalse?:
            text = lesson.text(.step(id, .statement))
            choices = [strings.text("step.true"), strings.text("step.false")]
        default:
            break
        }
        let explanation = step?.explanation != nil ? lesson.text(.step(id, .explanation)) : nil
        // A French fallback inside a right-to-left language reads left to right.
        let direction: TextDirection = lesson.language.direction == .rightToLeft && TextDirection.containsRightToLeft(text)
            ? .rightToLeft : .leftToRight
        return LocalizedQuestion(text: TerminalSanitizer.sanitize(text), choices: choices.map(TerminalSanitizer.sanitizeLine),
                                 explanation: explanation.map(TerminalSanitizer.sanitize), direction: direction)
    }

    static func speak(_ question: QuizQuestion, in module: Module, lesson: LessonText, strings: InterfaceStrings) -> SpokenQuestion {
        let id = question.stepID
        let code = lesson.language.code
        let terms = module.glossary.map(\.term)
        func said(_ key: TranslationKey) -> [SpeechSegment] {
            lesson.isTranslated(key) || code == "fr"
                ? SpeechScript.segments(lesson.spokenText(key), language: code, frenchTerms: terms)
                : [SpeechSegment(FrenchSpan.plain(lesson.spokenText(key)), language: "fr")]
        }
        var text: [SpeechSegment] = []
        var choices: [[SpeechSegment]] = []
        switch module.step(id)?.content {
        case .choice(_, let options, _)?:
            text = said(.step(id, .prompt))
            choices = options.map { said(.choice(id, $0.id)) }
        case .trueFalse?:
            text = said(.step(id, .statement))
            choices = ["step.true", "step.false"].map { SpeechScript.segments(strings.text($0), language: code) }
        default:
            break
        }
        let numbered = choices.enumerated().map { [SpeechSegment("\($0.offset + 1).", language: code)] + $0.element }
        return SpokenQuestion(text: text, choices: numbered)
    }

    /// The question as read aloud in `language`, nil when the language is not the registry's.
    public func spokenQuestion(_ index: Int, language: String) -> SpokenQuestion? {
        guard let list = spoken[language], list.indices.contains(index) else { return nil }
        return list[index]
    }

    /// The question in `language`, French when the language is unknown.
    public func question(_ index: Int, language: String) -> LocalizedQuestion {
        (texts[language] ?? texts["fr"] ?? texts.values.first!)[index]
    }

    public func language(_ code: String) -> LanguageInfo? { languages.first { $0.code == code } }

    /// The interface strings of `language`, French's when the language is unknown.
    public func strings(_ language: String) -> InterfaceStrings {
        interface[language] ?? interface["fr"] ?? interface.values.first!
    }

    /// The longest time of a question, in seconds: the phone's countdown never shows more.
    public var longestSeconds: Int { questions.map(\.seconds).max() ?? 0 }

    /// French, the source, for the projector.
    public func french(_ index: Int) -> LocalizedQuestion { question(index, language: "fr") }
}
