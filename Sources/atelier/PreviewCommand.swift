import ArgumentParser
import AtelierContent
import AtelierEngine
import AtelierTerminal
import AtelierText

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print a module's step screens exactly as the kiosk draws them, for authors and translators."
    )

    @OptionGroup var content: ContentOptions
    @Argument(help: "The module id.") var module: String
    @Option(help: "Only this step.") var step: String?
    @Option(help: "Language code.") var lang: String
    @Option(help: "Terminal width.") var width: Int = 80
    @Option(help: "app or terminal.") var bidi: BidiMode = .app
    @Flag(help: "Also show each question after a wrong last answer (feedback and explanation).") var feedback = false
    @Flag(help: "Everything a participant can see: the hint and the glossary open, the feedback of each choice or option, and the feedback after a wrong last answer.") var all = false

    func run() throws {
        var kiosk = KioskContent.load(content.repository, modules: false)
        let checked = KioskContent.loadCheckedModules(content.repository)
        kiosk.modules = checked.modules
        guard let entry = kiosk.modules.first(where: { $0.module.id == module }) else {
            // Refused modules say why, as lint does: a participant never sees what lint refuses.
            let own = KioskContent.reasons(checked.refused, module: module)
            if !own.isEmpty {
                StandardStreams.writeError(own.map { TerminalText.line($0.description) }.joined(separator: "\n") + "\n")
                throw ValidationError("the module '\(module)' has errors: no participant sees it until they are fixed")
            }
            throw ValidationError("no module '\(module)'")
        }
        guard let language = kiosk.languages.first(where: { $0.code == lang }) else {
            throw ValidationError("'\(lang)' is not in Locales/languages.yaml")
        }
        let strings = kiosk.strings(language)
        let text = kiosk.text(of: entry.module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale,
                                                         acceptedInLanguage: text.acceptedInLanguage))
        let style = TerminalStyle(width: width, height: 24, plain: true, color: false, bidi: bidi)
        let steps = entry.module.steps.filter { step == nil || $0.id == step }
        if steps.isEmpty { throw ValidationError("no step '\(step ?? "")' in \(module)") }
        var out = ""
        for shown in steps {
            var state = engine.initialState()
            _ = engine.reduce(&state, .started(language: lang, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
            state.currentStep = shown.id
            if all {
                // The hint and the glossary as the participant opens them.
                state.hintShown = shown.hint != nil
                out += "── \(shown.id) ──\n" + KioskRenderer.step(state, text: text, strings: strings, style: style,
                                                                 glossaryOpen: !shown.glossary.isEmpty).text
                state.hintShown = false
                for (label, answer) in Self.eachAnswer(shown) {
                    var answered = engine.initialState()
                    _ = engine.reduce(&answered, .started(language: lang, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
                    answered.currentStep = shown.id
                    _ = engine.reduce(&answered, .answerSubmitted(answer, at: Instant(milliseconds: 1)))
                    out += "── \(shown.id) (\(label)) ──\n" + KioskRenderer.step(answered, text: text, strings: strings, style: style).text
                }
            } else {
                out += "── \(shown.id) ──\n" + KioskRenderer.step(state, text: text, strings: strings, style: style).text
            }
            if feedback || all, shown.content.isQuestion, let wrong = LessonEngine.wrongAnswer(for: shown) {
                let attempts = shown.attempts ?? 2
                for attempt in 0..<attempts {
                    _ = engine.reduce(&state, .answerSubmitted(wrong, at: Instant(milliseconds: 1)))
                    if attempt + 1 < attempts { _ = engine.reduce(&state, .continueRequested(at: Instant(milliseconds: 2))) }
                }
                out += "── \(shown.id) (feedback) ──\n" + KioskRenderer.step(state, text: text, strings: strings, style: style).text
            }
            out += "\n"
        }
        StandardStreams.write(Array(out.utf8))
    }

    /// Each answer whose feedback a participant can meet: every choice, true and false, every option.
    static func eachAnswer(_ step: Step) -> [(String, Answer)] {
        switch step.content {
        case .choice(_, let choices, _): return choices.map { ("choice \($0.id)", .choices([$0.id])) }
        case .trueFalse: return [("true", .trueFalse(true)), ("false", .trueFalse(false))]
        case .scenario(_, let options): return options.map { ("option \($0.id)", .option($0.id)) }
        default: return []
        }
    }
}
