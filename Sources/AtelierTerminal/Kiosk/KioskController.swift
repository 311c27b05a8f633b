import AtelierContent
import AtelierEngine
import AtelierLog
import AtelierSpeech
import AtelierText
import Foundation
import Logging

/// The kiosk's shell, kept thin: it reads keys and lines from the terminal, feeds them to the pure
/// `KioskFlow`, carries out the flow's effects on the store and draws the flow's state. Every failure of
/// the store becomes the out-of-order screen; nothing a participant types or does ends the program
/// (leaving needs the facilitator PIN: the flow's rule).
public final class KioskController {
    public struct Options {
        public var idleTimeout: Int
        public var plain: Bool
        public var color: Bool
        public var bidi: BidiMode
        /// Where the kiosk notes what it left out and what failed (never answers, PINs or pseudonyms).
        public var log: LogFile?
        /// Reads screens aloud (eSpeak NG); nil: the listen key says there is no sound.
        public var speech: Speech?
        /// Makes `speech` at the first press of the listen key, so that loading the voices never delays the
        /// kiosk's first screen.
        public var makeSpeech: (@Sendable () -> Speech?)?
        /// The kiosk's reading speed: a guest's until they change it, and a profile's until its participant
        /// chooses one (the profile's speed wins once signed in).
        public var speechRate: SpeechRate = .normal
        /// `atelier play`: one module walked as a guest (no profile, no data file), from a step if given;
        /// leaving the module (0, the end, Ctrl-D, Ctrl-C) ends the program.
        public var play: Play?
        /// Opens the data file at a path (the program gives the SQLite store); nil: guests only.
        public var openRecords: ((String) throws -> any KioskRecords)?
        /// With sync on: looks for a profile of another site by its pseudonym and the PIN typed (checked on this
        /// kiosk, never sent), within a time limit; gives the flow's result and, for the log, what failed (never a
        /// pseudonym or a PIN). Nil: no roaming, the flow is told the other sites are unreachable.
        public var roam: ((_ pseudonym: String, _ pin: String) -> (RemoteProfile, String?))?

        public struct Play: Sendable {
            public var module: String
            public var language: String
            public var step: String?

            public init(module: String, language: String, step: String?) {
                self.module = module
                self.language = language
                self.step = step
            }
        }

        public init(idleTimeout: Int = 180, plain: Bool = false, color: Bool = true, bidi: BidiMode = .app, log: LogFile? = nil,
                    play: Play? = nil) {
            self.play = play
            self.idleTimeout = idleTimeout
            self.plain = plain
            self.color = color
            self.bidi = bidi
            self.log = log
        }
    }

    var content: KioskContent
    let dataPath: String
    var options: Options
    let terminal = TerminalIO()
    /// Opened after the first screen is drawn: a participant sees the kiosk at once.
    var store: (any KioskRecords)?
    var flow: KioskFlow
    var state: KioskState
    var modulesLoaded = false
    /// What was typed before a tick or a page turn, given back to the line editor.
    var typed = ""
    /// The page shown of a screen taller than the terminal; a new screen starts at its first page.
    var page = 0
    var shownIdentity = ""
    var lastStandingsFailure: String?
    var soundProblemLogged = false
    let logger: Logger

    public init(content: KioskContent, dataPath: String, options: Options) {
        self.content = content
        self.dataPath = dataPath
        self.options = options
        flow = KioskFlow(languages: content.languages.map(\.code), modules: [], idleTimeout: Int64(options.idleTimeout) * 1000,
                         speed: ReadingSpeed(options.speechRate), roams: options.roam != nil)
        state = flow.initialState(at: .now)
        logger = options.log?.logger("atelier.kiosk") ?? Logger(label: "atelier.kiosk") { _ in SwiftLogNoOpLogHandler() }
    }

    public func run() {
        if let play = options.play { return walk(play) }
        while state.running {
            terminal.draw(paged(screen(for: state)))
            if !modulesLoaded {
                // The lessons and the data file, while the participant reads the first screen.
                content.loadModulesReporting()
                logContent()
                textCache = [:]
                flow = KioskFlow(languages: content.languages.map(\.code), modules: content.modules.map(\.module),
                                 idleTimeout: Int64(options.idleTimeout) * 1000, speed: ReadingSpeed(options.speechRate),
                                 roams: options.roam != nil)
                modulesLoaded = true
                store = openStore()
                send(.store(available: store != nil))
            }
            waitForInput()
        }
        terminal.restore()
    }

    /// What the kiosk offers and what it left out, with file:line:column, in the kiosk's log.
    func logContent() {
        logger.info("kiosk started", metadata: ["modules": "\(content.modules.count)", "refused": "\(content.refusedModules)",
                                                 "missing-translations": "\(content.missingTranslations.count)"])
        for diagnostic in content.refused {
            logger.error("module left out: \(TerminalSanitizer.sanitizeLine(diagnostic.description))")
        }
        for diagnostic in content.missingTranslations {
            logger.warning("\(TerminalSanitizer.sanitizeLine(diagnostic.description))")
        }
    }

    /// `atelier play`: the lesson screens exactly as a participant sees them, as a guest, without a store.
    func walk(_ play: Options.Play) {
        // `atelier play` hands over the modules it has already checked: they are not read a second time.
        if !modulesLoaded && content.modules.isEmpty { content.loadModulesReporting() }
        modulesLoaded = true
        guard let index = content.modules.firstIndex(where: { $0.module.id == play.module }) else { return }
        flow = KioskFlow(languages: content.languages.map(\.code), modules: content.modules.map(\.module),
                         idleTimeout: Int64(options.idleTimeout) * 1000, speed: ReadingSpeed(options.speechRate))
        // A guest at the catalogue who chose this module: the flow's own way into a lesson.
        state.language = play.language
        state.place = .catalogue
        terminal.endOnInterrupt()
        guard case .lessonReady(let module, let lessonContent, _, let seed, let at)? = perform(
            .prepareLesson(module: index, language: play.language, participant: nil)) else { return }
        let module0 = content.modules[index].module
        // A chosen step: the engine's own resume, as if the author had stopped there.
        let start = play.step.map {
            SavedProgress(moduleID: module0.id, moduleVersion: module0.version, currentStep: $0, history: [], records: [:],
                          reviewQueue: [], completed: false, seed: seed, startedAt: at, completedAt: nil)
        }
        send(.lessonReady(module: module, content: lessonContent, previous: start, seed: seed, at: at))
        while state.running && Self.stillPlaying(state.place) {
            terminal.draw(paged(screen(for: state)))
            waitForInput()
            if terminal.interrupted || playEnded { break }
        }
        terminal.restore()
    }

    /// Ctrl-D while playing: the author is done.
    var playEnded = false

    static func stillPlaying(_ place: KioskPlace) -> Bool {
        switch place {
        case .lesson, .reflectionConsent, .summary: return true
        default: return false
        }
    }

    var language: LanguageInfo { content.languages.first { $0.code == state.language } ?? content.languages[0] }

    /// Interface strings and lesson texts, read from their files once per language (and module), not at every
    /// draw: a draw happens at each key and each second of the idle countdown.
    private var stringsCache: [String: InterfaceStrings] = [:]
    private var textCache: [String: LessonText] = [:]

    var strings: InterfaceStrings {
        if let cached = stringsCache[state.language] { return cached }
        let loaded = content.strings(language)
        stringsCache[state.language] = loaded
        return loaded
    }

    func lessonText(_ index: Int, language code: String) -> LessonText {
        let key = "\(index)/\(code)"
        if let cached = textCache[key] { return cached }
        let language = content.languages.first { $0.code == code } ?? self.language
        let loaded = content.text(of: content.modules[index].module, texts: content.modules[index].texts, language: language)
        textCache[key] = loaded
        return loaded
    }

    var style: TerminalStyle {
        let size = terminal.size
        return TerminalStyle(width: size.width, height: size.height, plain: options.plain, color: options.color, bidi: options.bidi)
    }

    // MARK: - Events and effects

    /// Feeds an event to the flow and carries out its effects; the store's answers are events again. Reading
    /// aloud waits until every answer is in and `settle` has chosen the page to show, so that it starts at the
    /// page the participant will see (a new screen: its first page).
    func send(_ event: KioskEvent, settle: () -> Void = {}) {
        var queue = [event]
        var speak = false
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in flow.reduce(&state, next) {
                switch effect {
                case .speakScreen: speak = true
                case .stopSpeaking:
                    speak = false
                    options.speech?.stop()
                default:
                    if let answer = perform(effect) { queue.append(answer) }
                }
            }
        }
        settle()
        if speak { send(readAloud()) }
    }

    /// One effect; what the store answered, as the next event.
    private func perform(_ effect: KioskEffect) -> KioskEvent? {
        do {
            switch effect {
            case .listParticipants:
                guard let store else { return .storeFailed }
                return .participantsListed(try store.profiles())
            case .createProfile(let pseudonym, let pin, let language):
                guard let store else { return .storeFailed }
                return .profileCreated(try store.createProfile(pseudonym: pseudonym, pin: pin, language: language, at: .now))
            case .signIn(let pseudonym, let pin):
                guard let store else { return .storeFailed }
                return .signedIn(try store.signInProfile(pseudonym: pseudonym, pin: pin, at: .now), at: .now)
            case .lookUpRemoteProfile(let pseudonym, let pin):
                guard let roam = options.roam else { return .remoteProfile(.unreachable, at: .now) }
                // The PIN screen stays while the other sites are asked: an answer, or the time limit, comes soon.
                let (result, failure) = roam(pseudonym, pin)
                if let failure { logger.warning("roaming sign-in: \(TerminalSanitizer.sanitizeLine(failure))") }
                return .remoteProfile(result, at: .now)
            case .prepareLesson(let index, let code, let participant):
                guard content.modules.indices.contains(index) else { return nil }
                let entry = content.modules[index]
                let language = content.languages.first { $0.code == code } ?? self.language
                let text = lessonText(index, language: code)
                var previous: SavedProgress?
                if let participant {
                    guard let store else { return .storeFailed }
                    previous = try store.progress(participant: participant, module: entry.module.id)
                }
                let lessonContent = LessonContent(module: entry.module, matchLocale: language.icuLocale,
                                                  acceptedInLanguage: text.acceptedInLanguage)
                return .lessonReady(module: index, content: lessonContent, previous: previous,
                                    seed: UInt64.random(in: 0...UInt64.max), at: .now)
            case .record(let attempt, let progress, let participant):
                guard let store else { return .storeFailed }
                try store.record(attempt, progress: progress, participant: participant)
            case .saveProgress(let progress, let participant):
                guard let store else { return .storeFailed }
                try store.save(progress, participant: participant, at: .now)
            case .setLanguage(let code, let participant):
                try store?.setLanguage(code, participant: participant)
            case .saveReadAloud(let automatic, let speed, let participant):
                try store?.setReadAloud(automatic: automatic, speed: speed, participant: participant)
            case .askFacilitatorPIN:
                // Without a data file there is no facilitator PIN to check: the kiosk stays.
                return .facilitatorPIN(isSet: (try store?.hasFacilitatorPIN) ?? false)
            case .checkFacilitatorPIN(let pin):
                return .facilitatorPINChecked((try store?.checkFacilitatorPIN(pin)) ?? false, at: .now)
            case .forgetTyped:
                typed = ""
                terminal.forgetHistory()
            case .reopenStore:
                store = openStore()
                if store != nil { logger.info("the data file is open again") }
                return .store(available: store != nil)
            case .speakScreen:
                return readAloud()
            case .stopSpeaking:
                options.speech?.stop()
            case .exit:
                break
            }
        } catch {
            // The error's own words (SQLite's, the file system's): never a pseudonym, an answer or a PIN.
            logger.error("the data file failed: \(TerminalSanitizer.sanitizeLine(String(describing: error)))")
            return .storeFailed
        }
        return nil
    }

    /// The screen read aloud from the page shown, at the participant's speed: its script (in French for a
    /// language with no voice), handed to the speech engine, which returns at once so that the next key is
    /// handled while it reads.
    private func readAloud() -> KioskEvent {
        if options.speech == nil, let make = options.makeSpeech {
            options.makeSpeech = nil
            options.speech = make()
            if options.speech == nil { logger.warning("read-aloud: eSpeak NG could not start (install espeak-ng-data)") }
        }
        guard let speech = options.speech else { return .readAloud(.noSound) }
        let whole = KioskSpeech.script(state, content: content, hasVoice: { speech.hasVoice($0) },
                                       text: { [unowned self] index, code in lessonText(index, language: code) },
                                       strings: { [unowned self] code in strings(of: code) })
        // A participant who paged forward hears that page on, not the top again; a new screen (not drawn yet)
        // starts at its first page, as `paged` will draw it.
        let shown = screen(for: state)
        let first = pages(of: shown).firstRow(ofPage: screenIdentity == shownIdentity ? page : 0)
        let script = whole.reading(fromRow: first, of: shown)
        switch speech.speak(script.segments, language: script.language, rate: SpeechRate(state.reading.speed)) {
        case .speaking: return .readAloud(script.inFrench ? .inFrench : .speaking)
        case .noSound, .noVoice:
            if let problem = speech.soundProblem, !soundProblemLogged {
                logger.warning("read-aloud: no sound: \(problem)")
                soundProblemLogged = true
            }
            return .readAloud(.noSound)
        }
    }

    func strings(of code: String) -> InterfaceStrings {
        if let cached = stringsCache[code] { return cached }
        let info = content.languages.first { $0.code == code } ?? LanguageInfo.fromICU(code: code)
        let loaded = content.strings(info)
        stringsCache[code] = loaded
        return loaded
    }

    /// The data file, or nil (guests only, or the out-of-order screen) with the reason in the log.
    private func openStore() -> (any KioskRecords)? {
        guard let open = options.openRecords else { return nil }
        do {
            return try open(dataPath)
        } catch {
            logger.error("the data file cannot be opened: \(TerminalSanitizer.sanitizeLine(String(describing: error)))")
            return nil
        }
    }

    // MARK: - Input

    private func waitForInput() {
        while true {
            // Right-to-left answers are drawn in visual order by the kiosk unless the terminal does bidi itself.
            terminal.visualTyping = options.bidi == .app && language.direction == .rightToLeft ? .rightToLeft : nil
            let (input, keep) = terminal.read(prompt: "> ", keeping: typed, secret: state.place.readsSecret)
            typed = keep
            switch input {
            case .resized:
                return
            case .page(let delta):
                page += delta
                send(.activity(at: .now))
                return
            case .endOfInput:
                if options.play != nil {
                    playEnded = true
                    return
                }
                send(.endOfInput(at: .now))
                // Drawn again: readline has moved to a new row, and each Ctrl-D used to leave a stale "> " line
                // under the screen. (A terminal that went away is a tick, not this: no redraw loop.)
                return
            case .tick:
                if state.speaking, let speech = options.speech, !speech.isSpeaking { send(.speechEnded) }
                let before = (state.place.inSession, state.countdown)
                send(.tick(at: .now))
                if !state.place.inSession && before.0 {
                    typed = ""  // a half-typed answer or PIN never reaches the next person
                    return
                }
                if let seconds = state.countdown {
                    terminal.draw(withCountdown(paged(screen(for: state)), seconds: seconds))
                } else if before.1 != nil {
                    return
                }
            case .line(let line):
                typed = ""
                // What a participant types is stored and shown again: no control sequence gets in.
                let identity = screenIdentity
                let before = screen(for: state)
                send(.line(TerminalSanitizer.sanitizeLine(line).trimmingCharacters(in: .whitespaces), at: .now)) {
                    // The same screen again (feedback, a notice): the page where what changed begins. A line that
                    // changed nothing on it (the listen key) leaves the page where the participant turned it:
                    // reading starts there, and the screen does not jump to its last page.
                    if screenIdentity == identity {
                        let after = screen(for: state)
                        if after.rows != before.rows {
                            page = pages(of: after).page(containing: Screen.firstChange(from: before, to: after))
                        }
                    }
                }
                return
            }
        }
    }

    func withCountdown(_ screen: Screen, seconds: Int) -> Screen {
        KioskScreens.withCountdown(screen, seconds: seconds, strings: strings, style: style)
    }

    // MARK: - Screens

    /// What makes a screen "new" for paging: the place, and the step in a lesson.
    var screenIdentity: String {
        switch state.place {
        case .lesson(let lesson): return "lesson/\(lesson.module)/\(lesson.state.currentStep ?? "")/\(lesson.glossaryOpen)"
        case .welcome: return "welcome"
        case .privacy: return "privacy"
        case .profileMenu: return "profile"
        case .newPseudonym: return "pseudonym"
        case .newPIN: return "new-pin"
        case .choosePseudonym: return "choose"
        case .askPIN: return "ask-pin"
        case .roamPIN: return "roam-pin"
        case .pictures: return "pictures"
        case .catalogue: return "catalogue"
        case .reflectionConsent: return "consent"
        case .summary: return "summary"
        case .chooseLanguage: return "languages"
        case .readingSettings: return "reading"
        case .confirmLanguage: return "confirm-language"
        case .exitPIN: return "exit-pin"
        case .facilitator: return "facilitator"
        case .outOfOrder: return "out-of-order"
        }
    }

    /// The page of `screen` to draw now, with its "more" line when it has several.
    func paged(_ screen: Screen) -> Screen {
        let identity = screenIdentity
        if identity != shownIdentity {
            shownIdentity = identity
            page = 0
        }
        let pages = pages(of: screen)
        page = pages.clamp(page)
        return pages.page(page)
    }

    func pages(of screen: Screen) -> Screen.Pages {
        let style = self.style
        let strings = self.strings
        return screen.pages(height: style.height) { number, count in
            KioskRenderer.pageNote(number, of: count, strings: strings, style: style)
        }
    }

    /// The flow's state as a screen: the shell reads the participant's standings for the catalogue; the
    /// rest is the renderers'.
    func screen(for state: KioskState) -> Screen {
        var standings: [String: ModuleStanding] = [:]
        if case .catalogue = state.place, let participant = state.participant {
            do {
                standings = try store?.standings(participant: participant.id) ?? [:]
            } catch {
                // The catalogue is still usable without the marks; the next effect that needs the file shows the
                // out-of-order screen. Logged once per failure, not at every redraw.
                let said = TerminalSanitizer.sanitizeLine(String(describing: error))
                if said != lastStandingsFailure { logger.error("the data file failed: \(said)") }
                lastStandingsFailure = said
            }
        }
        return KioskScreens.screen(state, content: content, strings: strings, style: style, standings: standings,
                                   lessonText: { [unowned self] in lessonText($0, language: state.language) },
                                   logPath: options.log?.path)
    }
}

extension Instant {
    /// The system clock: read here, in the shell, never in the engine.
    public static var now: Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
}
