import AtelierContent
import AtelierEngine
import AtelierStore
import AtelierText
import Foundation

/// The kiosk's shell: it draws the pure screens, reads lines through readline, feeds the lesson engine and
/// carries out its effects on the store. Every failure of the store becomes the out-of-order screen; nothing
/// a participant types or does ends the program (leaving needs the facilitator PIN).
public final class KioskController {
    public struct Options {
        public var idleTimeout: Int
        public var plain: Bool
        public var color: Bool
        public var bidi: BidiMode

        public init(idleTimeout: Int = 180, plain: Bool = false, color: Bool = true, bidi: BidiMode = .app) {
            self.idleTimeout = idleTimeout
            self.plain = plain
            self.color = color
            self.bidi = bidi
        }
    }

    enum Place {
        case welcome
        case privacy
        case profileMenu
        case newPseudonym
        case newPIN(pseudonym: String)
        case choosePseudonym([Participant])
        case askPIN(Participant)
        case catalogue
        case lesson(Lesson)
        case reflectionConsent(Lesson, text: String)
        case summary(LessonSummary, LessonText)
        case chooseLanguage
        case confirmLanguage(LanguageInfo)
        case exitPIN
        case outOfOrder
    }

    struct Lesson {
        var engine: LessonEngine
        var state: LessonState
        var text: LessonText
        var glossaryOpen = false
    }

    var content: KioskContent
    let dataPath: String
    let options: Options
    let terminal = TerminalIO()
    /// Opened after the first screen is drawn: a participant sees the kiosk at once.
    lazy var store: ProgressStore? = try? ProgressStore(path: dataPath)
    var modulesLoaded = false
    var place: Place = .welcome
    var language: LanguageInfo
    var strings: InterfaceStrings
    var participant: Participant?
    var notice: String?
    var lastInput = Date()
    var typed = ""
    var wrongExitPINs = 0
    var running = true

    public init(content: KioskContent, dataPath: String, options: Options) {
        self.content = content
        self.dataPath = dataPath
        self.options = options
        language = content.languages.first { $0.code == "fr" } ?? content.languages[0]
        strings = content.strings(language)
    }

    public func run() {
        while running {
            let screen = paged(render())
            terminal.draw(screen)
            if !modulesLoaded {
                // The lessons and the data file, while the participant reads the first screen.
                content.modules = KioskContent.loadModules(content.repository)
                modulesLoaded = true
                _ = store
            }
            waitForLine(screen)
        }
        terminal.restore()
    }

    /// The page shown of a screen taller than the terminal; a new screen starts at its first page.
    var page = 0
    var shownIdentity = ""

    /// What makes a screen "new" for paging: the place, and the step in a lesson.
    var screenIdentity: String {
        switch place {
        case .lesson(let lesson): return "lesson/\(lesson.text.module.id)/\(lesson.state.currentStep ?? "")/\(lesson.glossaryOpen)"
        case .welcome: return "welcome"
        case .privacy: return "privacy"
        case .profileMenu: return "profile"
        case .newPseudonym: return "pseudonym"
        case .newPIN: return "new-pin"
        case .choosePseudonym: return "choose"
        case .askPIN: return "ask-pin"
        case .catalogue: return "catalogue"
        case .reflectionConsent: return "consent"
        case .summary: return "summary"
        case .chooseLanguage: return "languages"
        case .confirmLanguage: return "confirm-language"
        case .exitPIN: return "exit-pin"
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
        let style = self.style
        let strings = self.strings
        let pages = screen.pages(height: style.height) { number, count in
            KioskRenderer.note(strings.text("page.more", ["page": .number(Double(number)), "pages": .number(Double(count))]),
                               strings: strings, style: style)
        }
        page = pages.clamp(page)
        return pages.page(page)
    }

    var style: TerminalStyle {
        let size = terminal.size
        return TerminalStyle(width: size.width, height: size.height, plain: options.plain, color: options.color, bidi: options.bidi)
    }

    var inSession: Bool {
        switch place {
        case .welcome, .outOfOrder: return false
        default: return true
        }
    }

    // MARK: - Input

    private func waitForLine(_ screen: Screen) {
        while true {
            let secret: Bool
            switch place {
            case .newPIN, .askPIN, .exitPIN: secret = true
            default: secret = false
            }
            let (input, keep) = terminal.read(prompt: "> ", keeping: typed, secret: secret)
            typed = keep
            switch input {
            case .resized:
                return
            case .page(let delta):
                lastInput = Date()
                typed = keep
                page += delta
                return
            case .endOfInput:
                // Ctrl-D does nothing: a participant who presses it by mistake loses nothing and stays.
                lastInput = Date()
                continue
            case .tick:
                guard inSession else { continue }
                let idle = Date().timeIntervalSince(lastInput)
                let limit = Double(options.idleTimeout)
                if idle >= limit {
                    typed = ""  // a half-typed answer or PIN never reaches the next person
                    idleTimeout()
                    return
                }
                let warning = min(30, limit / 3)
                if idle >= limit - warning {
                    // The countdown, on screen, every second.
                    var warned = paged(render())
                    let seconds = Int((limit - idle).rounded(.up))
                    let note = KioskRenderer.note(strings.text("idle.warning", ["seconds": .number(Double(seconds))]),
                                                  strings: strings, style: style)
                    // Under the screen when there is room, else over its first rows: always on screen.
                    if warned.rows.count + note.count < style.height {
                        warned.rows += note
                    } else {
                        warned.rows = note + warned.rows.dropFirst(note.count)
                    }
                    terminal.draw(warned)
                }
            case .line(let line):
                lastInput = Date()
                typed = ""
                notice = nil
                // What a participant types is stored and shown again: no control sequence gets in.
                let before = screenIdentity
                handle(TerminalSanitizer.sanitizeLine(line).trimmingCharacters(in: .whitespaces))
                // The same screen again (feedback, a notice): its last page, where they are written.
                if screenIdentity == before { page = Int.max / 2 }
                return
            }
        }
    }

    private func idleTimeout() {
        if case .lesson(var lesson) = place {
            perform(lesson.engine.reduce(&lesson.state, .idleTimeoutElapsed(at: .now)), lesson: &lesson)
        }
        logout()
    }

    private func logout() {
        participant = nil
        terminal.forgetHistory()
        language = content.languages.first { $0.code == "fr" } ?? content.languages[0]
        strings = content.strings(language)
        place = .welcome
    }

    // MARK: - Screens

    func render() -> Screen {
        let style = self.style
        switch place {
        case .welcome:
            return KioskRenderer.welcome(languages: content.languages, style: style, idleWarning: notice)
        case .privacy:
            return KioskRenderer.message(title: strings.text("privacy.title"),
                                         body: [strings.text("privacy.body"), strings.text("privacy.continue")],
                                         strings: strings, style: style)
        case .profileMenu:
            return KioskRenderer.menu(title: strings.text("profile.title"),
                                      options: [strings.text("profile.new"), strings.text("profile.continue"), strings.text("profile.guest")],
                                      footer: notice, strings: strings, style: style)
        case .newPseudonym:
            return KioskRenderer.message(title: strings.text("profile.title"), body: [notice, strings.text("profile.pseudonym")].compactMap { $0 },
                                         strings: strings, style: style)
        case .newPIN:
            return KioskRenderer.message(title: strings.text("profile.title"), body: [notice, strings.text("profile.pin")].compactMap { $0 },
                                         strings: strings, style: style)
        case .choosePseudonym(let list):
            if list.isEmpty {
                return KioskRenderer.message(title: strings.text("profile.title"), body: [strings.text("profile.none"), strings.text("privacy.continue")],
                                             strings: strings, style: style)
            }
            return KioskRenderer.menu(title: strings.text("profile.choose"), options: list.map(\.pseudonym), footer: notice,
                                      strings: strings, style: style)
        case .askPIN(let who):
            return KioskRenderer.message(title: who.pseudonym, body: [notice, strings.text("profile.pin-ask")].compactMap { $0 },
                                         strings: strings, style: style)
        case .catalogue:
            let standings = participant.flatMap { try? store?.standings(participant: $0.id) } ?? [:]
            let entries = content.modules.map { entry in
                (module: entry.module, title: content.text(of: entry.module, texts: entry.texts, language: language).text("module/title"),
                 standing: standings[entry.module.id])
            }
            var screen = KioskRenderer.catalogue(modules: entries, name: participant?.pseudonym, strings: strings, style: style)
            if let notice { screen.rows += KioskRenderer.note(notice, strings: strings, style: style) }
            return screen
        case .lesson(let lesson):
            return KioskRenderer.step(lesson.state, text: lesson.text, strings: strings, style: style,
                                      glossaryOpen: lesson.glossaryOpen, notice: notice)
        case .reflectionConsent:
            return KioskRenderer.menu(title: strings.text("step.keep-answer"), options: [], footer: nil, strings: strings, style: style)
        case .summary(let summary, let text):
            return KioskRenderer.summary(summary, text: text, strings: strings, style: style)
        case .chooseLanguage:
            return KioskRenderer.welcome(languages: content.languages, style: style)
        case .confirmLanguage(let target):
            return KioskRenderer.menu(title: target.endonym, options: [], footer: strings.text("language.confirm"), strings: strings, style: style)
        case .exitPIN:
            return KioskRenderer.message(title: nil, body: [strings.text("exit.pin")], strings: strings, style: style)
        case .outOfOrder:
            return KioskRenderer.outOfOrder(strings: strings, style: style)
        }
    }

    // MARK: - Handling a line

    func handle(_ typed: String) {
        // "؟", "＋", "٠"... are the commands "?", "+", "0": the same keys on every keyboard.
        let line = CommandKey.command(typed) ?? typed
        let number = AnswerParser.numbers(line)?.first
        switch place {
        case .welcome, .chooseLanguage:
            if line == "0", case .welcome = place {
                requestExit()
                return
            }
            guard let number, (1...content.languages.count).contains(number) else { return }
            let chosen = content.languages[number - 1]
            if case .chooseLanguage = place {
                place = .confirmLanguage(chosen)
            } else {
                switchLanguage(to: chosen)
                place = .privacy
            }
        case .confirmLanguage(let target):
            if number == 1 {
                switchLanguage(to: target)
                if let participant { try? store?.setLanguage(target.code, participant: participant.id) }
            }
            place = .catalogue
        case .privacy:
            place = .profileMenu
        case .profileMenu:
            switch number {
            case 1: place = store == nil ? .outOfOrder : .newPseudonym
            case 2:
                guard let store, let list = try? store.participants() else { place = .outOfOrder; return }
                place = .choosePseudonym(list)
            case 3:
                participant = nil
                place = .catalogue
            default:
                if line == "0" || line == "<" { logout() } else { notice = strings.text("invalid.choice") }
            }
        case .newPseudonym:
            if line.isEmpty || line == "<" { place = .profileMenu; return }
            place = .newPIN(pseudonym: line)
        case .newPIN(let pseudonym):
            guard let store else { place = .outOfOrder; return }
            do {
                switch try store.createParticipant(pseudonym: pseudonym, pin: line.isEmpty ? nil : Folding.fold(line), language: language.code, at: .now) {
                case .success(let created):
                    participant = created
                    place = .catalogue
                case .failure(.pinInvalid):
                    notice = strings.text("profile.pin-invalid")
                case .failure(let problem):
                    notice = strings.text(problem == .pseudonymTaken ? "profile.taken" : problem == .pseudonymTooLong ? "profile.too-long" : "profile.empty")
                    place = .newPseudonym
                }
            } catch {
                place = .outOfOrder
            }
        case .choosePseudonym(let list):
            guard let number, (1...max(1, list.count)).contains(number), !list.isEmpty else {
                place = .profileMenu
                return
            }
            let who = list[number - 1]
            if who.hasPIN { place = .askPIN(who) } else { signIn(who, pin: nil) }
        case .askPIN(let who):
            if line.isEmpty || line == "<" { place = .profileMenu; return }
            signIn(who, pin: Folding.fold(line))
        case .catalogue:
            if line == "0" { logout(); return }
            if line == "*" { place = .chooseLanguage; return }
            guard let number, (1...content.modules.count).contains(number) else {
                notice = strings.text("invalid.choice")
                return
            }
            open(content.modules[number - 1])
        case .lesson(var lesson):
            handleLesson(line, &lesson)
        case .reflectionConsent(var lesson, let text):
            let consent = number == 1
            perform(lesson.engine.reduce(&lesson.state, .answerSubmitted(.reflection(text: text, consent: consent), at: .now)), lesson: &lesson)
            if case .reflectionConsent = place { place = .lesson(lesson) }
        case .summary:
            place = .catalogue
        case .exitPIN:
            checkExitPIN(line)
        case .outOfOrder:
            // Enter tries again: a facilitator may have fixed the disk.
            store = try? ProgressStore(path: dataPath)
            place = store == nil ? .outOfOrder : .profileMenu
        }
    }

    private func switchLanguage(to target: LanguageInfo) {
        language = target
        strings = content.strings(target)
    }

    private func signIn(_ who: Participant, pin: String?) {
        guard let store else { place = .outOfOrder; return }
        do {
            switch try store.signIn(pseudonym: who.pseudonym, pin: pin, at: .now) {
            case .success(let found):
                participant = found
                place = .catalogue
            case .failure(.wrongPIN(let left)):
                notice = strings.text("profile.wrong-pin", ["left": .number(Double(left))])
            case .failure(.locked(let until)):
                let minutes = max(1, (until - Instant.now.milliseconds + 59_999) / 60_000)
                notice = strings.text("profile.locked", ["minutes": .number(Double(minutes))])
                place = .profileMenu
            case .failure:
                place = .profileMenu
            }
        } catch {
            place = .outOfOrder
        }
    }

    private func open(_ entry: (module: Module, texts: [TranslationUnit])) {
        let text = content.text(of: entry.module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale,
                                                         acceptedInLanguage: text.acceptedInLanguage))
        var lesson = Lesson(engine: engine, state: engine.initialState(), text: text)
        var previous: SavedProgress?
        if let participant {
            do {
                previous = try store?.progress(participant: participant.id, module: entry.module.id)
            } catch {
                place = .outOfOrder
                return
            }
        }
        let seed = UInt64.random(in: 0...UInt64.max)
        let event: LessonEvent = previous.map { $0.completed ? .started(language: language.code, seed: seed, previous: $0, at: .now)
            : .resumed($0, language: language.code, at: .now) } ?? .started(language: language.code, seed: seed, previous: nil, at: .now)
        place = .lesson(lesson)
        perform(engine.reduce(&lesson.state, event), lesson: &lesson)
    }

    private func handleLesson(_ line: String, _ lesson: inout Lesson) {
        let engine = lesson.engine
        let effects: [LessonEffect]
        switch line {
        case "?": effects = engine.reduce(&lesson.state, .hintRequested)
        case "<", ">":  // "<" is drawn as ">" in right-to-left lines (bidi mirroring): both go back
            effects = engine.reduce(&lesson.state, .backRequested(at: .now))
        case "+": effects = engine.reduce(&lesson.state, .frenchToggled)
        case "=":
            lesson.glossaryOpen.toggle()
            effects = []
        case "0":
            place = .catalogue
            return
        default:
            guard let id = lesson.state.currentStep, let step = lesson.text.module.step(id) else { return }
            if case .feedback(_, let finished) = lesson.state.phase {
                // Enter continues; an answer typed after a wrong try is the next try; anything else is said.
                if line.isEmpty {
                    effects = engine.reduce(&lesson.state, .continueRequested(at: .now))
                } else if !finished, let answer = AnswerParser.answer(line, step: step, presentation: lesson.state.presentation(of: step)) {
                    effects = engine.reduce(&lesson.state, .answerSubmitted(answer, at: .now))
                } else {
                    notice = strings.text(finished ? "step.continue" : "invalid.choice")
                    effects = []
                }
            } else if case .text = step.content {
                effects = engine.reduce(&lesson.state, .continueRequested(at: .now))
            } else if case .reflection = step.content {
                if line.isEmpty {
                    effects = engine.reduce(&lesson.state, .answerSubmitted(.reflection(text: "", consent: false), at: .now))
                } else {
                    place = .reflectionConsent(lesson, text: line)
                    return
                }
            } else if let answer = AnswerParser.answer(line, step: step, presentation: lesson.state.presentation(of: step)) {
                effects = engine.reduce(&lesson.state, .answerSubmitted(answer, at: .now))
            } else {
                if !line.isEmpty { notice = strings.text("invalid.choice") }
                effects = []
            }
        }
        place = .lesson(lesson)
        perform(effects, lesson: &lesson)
    }

    /// Carries out the engine's effects. An attempt and the progress after it go to the store in one
    /// transaction; a guest's are not kept.
    private func perform(_ effects: [LessonEffect], lesson: inout Lesson) {
        var recorded = false
        for effect in effects {
            do {
                switch effect {
                case .recordAttempt(let attempt):
                    if let participant { try store?.record(attempt, progress: lesson.state.progress, participant: participant.id) }
                    recorded = true
                case .saveProgress(let progress):
                    if let participant, !recorded { try store?.save(progress, participant: participant.id, at: .now) }
                case .completed(let summary):
                    place = .summary(summary, lesson.text)
                    return
                case .ended:
                    return
                case .render:
                    if case .lesson = place { place = .lesson(lesson) }
                }
            } catch {
                place = .outOfOrder
                return
            }
        }
        if case .lesson = place { place = .lesson(lesson) }
        if case .reflectionConsent = place { place = .lesson(lesson) }
    }

    // MARK: - Leaving

    private func requestExit() {
        guard let store, (try? store.hasFacilitatorPIN) == true else {
            // No facilitator PIN set: leaving would hand a participant a shell. The kiosk says how to set one
            // and stays (a facilitator can still stop it from another terminal).
            notice = strings.text("exit.no-pin")
            return
        }
        place = .exitPIN
    }

    private func checkExitPIN(_ line: String) {
        if (try? store?.checkFacilitatorPIN(Folding.fold(line))) == true {
            running = false
            return
        }
        wrongExitPINs += 1
        if wrongExitPINs >= 5 {
            sleep(30)  // five wrong PINs: a delay before the next try
            wrongExitPINs = 0
        }
        place = .welcome
    }
}

extension Instant {
    /// The system clock: read here, in the shell, never in the engine.
    public static var now: Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
}
