import ArgumentParser
import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierTerminal
import AtelierText
import Foundation

/// For authors and translators: what the kiosk says on a step, as a WAV file, to check how terms sound.
struct SpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Write what the kiosk's listen key says on a step, as a WAV (or Ogg/Opus) file.",
        discussion: """
        The same reading as the kiosk: the step's text, its options with their numbers, what to do, the words \
        kept in French read with the French voice. A language with no voice (Pashto, Tigrinya) is read in \
        French, and the command says so. Recordings (Lessons/<module>/audio/<lang>/<msgctxt>.opus) are played \
        in their place, as on the kiosk.
        """
    )

    @OptionGroup var content: ContentOptions
    @Argument(help: "The module id.") var module: String
    @Option(help: "The step id.") var step: String
    @Option(help: "Language code.") var lang: String
    @Option(name: [.customShort("o"), .long], help: "The file to write: WAV, or Ogg/Opus when it ends in .opus.") var output: String
    @Option(help: "slow, normal or fast.") var rate: String = "normal"

    func run() throws {
        guard let speed = SpeechRate(rawValue: rate) else { throw ValidationError("--rate is slow, normal or fast") }
        var kiosk = KioskContent.load(content.repository, modules: false)
        let checked = KioskContent.loadCheckedModules(content.repository)
        guard let index = checked.modules.firstIndex(where: { $0.module.id == module }) else {
            let own = KioskContent.reasons(checked.refused, module: module)
            if !own.isEmpty { StandardStreams.writeError(own.map { TerminalText.line($0.description) }.joined(separator: "\n") + "\n") }
            throw ValidationError("no module '\(TerminalText.line(module))' that a participant can see")
        }
        kiosk.modules = checked.modules
        guard let language = kiosk.languages.first(where: { $0.code == lang }) else {
            throw ValidationError("'\(TerminalText.line(lang))' is not in Locales/languages.yaml")
        }
        let entry = kiosk.modules[index]
        guard entry.module.step(step) != nil else {
            throw ValidationError("no step '\(TerminalText.line(step))' in \(module)" + DidYouMean.hint(for: step, among: entry.module.steps.map(\.id)))
        }
        guard let speech = ESpeakSpeech(mode: .memory) else {
            throw ValidationError("eSpeak NG could not start: install libespeak-ng-dev and espeak-ng-data (make deps)")
        }
        // The step as the kiosk shows it on arrival.
        let text = kiosk.text(of: entry.module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale, acceptedInLanguage: text.acceptedInLanguage))
        var lesson = KioskLesson(module: index, engine: engine, state: engine.initialState())
        _ = engine.reduce(&lesson.state, .started(language: lang, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
        lesson.state.currentStep = step
        var state = KioskState(language: lang, at: Instant(milliseconds: 0))
        state.place = .lesson(lesson)
        let script = KioskSpeech.script(state, content: kiosk, hasVoice: { speech.hasVoice($0) },
                                        text: { i, code in kiosk.text(of: kiosk.modules[i].module, texts: kiosk.modules[i].texts,
                                                                      language: kiosk.languages.first { $0.code == code } ?? language) },
                                        strings: { code in kiosk.strings(kiosk.languages.first { $0.code == code } ?? language) })
        switch speech.synthesize(script.segments, language: script.language, rate: speed) {
        case .failure(let failure):
            throw ValidationError(failure.description)
        case .success(let synthesis):
            if output.hasSuffix(".opus") || output.hasSuffix(".ogg") {
                if case .failure(let failure) = AudioFile.write(AudioFile.Sound(samples: synthesis.samples, sampleRate: synthesis.sampleRate), to: output) {
                    throw ValidationError("cannot write \(TerminalText.line(failure.description))")
                }
            } else {
                try WAV.data(samples: synthesis.samples, sampleRate: synthesis.sampleRate).write(to: URL(fileURLWithPath: output))
            }
            let recorded = script.segments.filter { $0.recording != nil }.count
            if script.inFrench {
                StandardStreams.writeError("no voice reads '\(lang)': this is the French reading, as the kiosk offers it"
                                           + (recorded > 0 ? ", with the \(recorded) recordings in '\(lang)' in their place\n" : "\n"))
            }
            StandardStreams.write(Array(String(format: "wrote %@: %.1f s of speech (%d segments, %d in French, %d recorded)\n",
                                               TerminalText.line(output), synthesis.seconds, script.segments.count,
                                               script.segments.filter { $0.language == "fr" && $0.recording == nil }.count, recorded).utf8))
        }
    }
}
