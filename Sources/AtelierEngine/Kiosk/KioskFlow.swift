import AtelierContent
import AtelierText

/// The kiosk's screen flow as a pure reducer: a typed line, a key, a tick or an answer of the store comes in;
/// the new state and the effects for the shell come out. It never reads a clock, a terminal or a file, so
/// every transition is tested without them, and properties hold for any sequence of events: nothing leaves
/// the kiosk without the facilitator PIN, and an answer typed where answering is allowed is recorded.
public struct KioskFlow: Sendable {
    /// Language codes in the picker's order.
    public let languages: [String]
    /// The modules of the catalogue, in order.
    public let modules: [Module]
    /// Milliseconds without input before a participant is logged out.
    public let idleTimeout: Int64
    /// The language the kiosk starts in and comes back to between participants.
    public let home: String
    /// The kiosk's reading speed: a guest's, and a profile's until its participant chooses one.
    public let speed: ReadingSpeed
    /// Sync is configured: profiles made at the other sites can be opened here (issue #23).
    public let roams: Bool

    public init(languages: [String], modules: [Module], idleTimeout: Int64 = 180_000, home: String = "fr", speed: ReadingSpeed = .normal,
                roams: Bool = false) {
        self.roams = roams
        self.languages = languages.isEmpty ? [home] : languages
        self.modules = modules
        self.idleTimeout = max(1000, idleTimeout)
        self.home = home
        self.speed = speed
    }

    /// Wrong facilitator PINs in a row before leaving waits.
    public static let exitTries = 5
    public static let exitWait: Int64 = 30_000

    public func initialState(at: Instant) -> KioskState {
        var state = KioskState(language: languages.contains(home) ? home : languages[0], at: at)
        state.reading = ReadAloudSetting(automatic: false, speed: speed)
        state.roams = roams
        return state
    }

    public func reduce(_ state: inout KioskState, _ event: KioskEvent) -> [KioskEffect] {
        let before = ScreenKey(state.place)
        var effects = apply(&state, event)
        // With the read-aloud setting on, each new screen is read as it appears: what was being read stops first,
        // then the new screen is read (from its first page: the shell knows the pages).
        if state.reading.automatic && ScreenKey(state.place) != before && !effects.contains(.speakScreen) {
            if state.speaking && !effects.contains(.stopSpeaking) { effects.append(.stopSpeaking) }
            effects.append(.speakScreen)
            state.speaking = true
        }
        return effects
    }

    private func apply(_ state: inout KioskState, _ event: KioskEvent) -> [KioskEffect] {
        switch event {
        case .line(let line, let at):
            state.lastInputAt = at
            state.countdown = nil
            state.notice = nil
            // "؟", "＋", "٠"... are the commands "?", "+", "0": the same keys on every keyboard.
            let typed = state.place.readsSecret ? line : (CommandKey.command(line) ?? line)
            // The listen key reads the screen aloud on every screen but a PIN's; again, it stops. Any other line
            // is handled at once, and what was being read stops.
            if typed == "l" {
                state.speaking.toggle()
                return [state.speaking ? .speakScreen : .stopSpeaking]
            }
            let stop: [KioskEffect] = state.speaking ? [.stopSpeaking] : []
            state.speaking = false
            return stop + handle(&state, typed, at: at)
        case .endOfInput(let at), .activity(let at):
            // Ctrl-D does nothing: a participant who presses it by mistake loses nothing and stays.
            state.lastInputAt = at
            state.countdown = nil
            return []
        case .tick(let at):
            return tick(&state, at: at)
        case .speechEnded:
            state.speaking = false
            return []
        case .readAloud(let outcome):
            switch outcome {
            case .speaking: break
            case .inFrench: state.notice = .readInFrench
            case .noSound:
                state.notice = .noSound
                state.speaking = false
            }
            return []
        case .participantsListed(let list):
            guard case .profileMenu = state.place else { return [] }
            state.place = .choosePseudonym(list)
            return []
        case .profileCreated(let result):
            guard case .newPIN(let pseudonym) = state.place else { return [] }
            switch result {
            case .success(let profile):
                signIn(&state, profile)
            case .failure(.pinInvalid):
                state.notice = .pinInvalid
            case .failure(.pseudonymTaken) where PictureChoice.pictures(inPseudonym: pseudonym) != nil:
                // Someone has these pictures: the picture screen again, empty, to choose others.
                state.notice = .picturesTaken
                state.place = .pictures(PictureChoice(purpose: .newProfile))
            case .failure(let problem):
                state.notice = problem == .pseudonymTaken ? .pseudonymTaken : problem == .pseudonymTooLong ? .pseudonymTooLong : .pseudonymEmpty
                state.place = .newPseudonym
            }
            return []
        case .signedIn(let result, let at):
            guard state.place.readsSecret || isChoosing(state.place) else { return [] }
            switch result {
            case .success(let profile):
                signIn(&state, profile)
            case .failure(.wrongPIN(let left)):
                state.notice = .wrongPIN(attemptsLeft: left)
            case .failure(.locked(let until)):
                state.notice = .locked(minutes: Int(max(1, (until.milliseconds - at.milliseconds + 59_999) / 60_000)))
                state.place = .profileMenu
            case .failure:
                state.place = .profileMenu
            }
            return []
        case .remoteProfile(let result, let at):
            guard case .roamPIN = state.place else { return [] }
            switch result {
            case .found(let profile):
                signIn(&state, profile)
            // The same refusals as a local profile's wrong PIN: try again here, or wait on the menu.
            case .refused(.wrongPIN(let left)):
                state.notice = .wrongPIN(attemptsLeft: left)
            case .refused(.locked(let until)):
                state.notice = .locked(minutes: Int(max(1, (until.milliseconds - at.milliseconds + 59_999) / 60_000)))
                state.place = .profileMenu
            case .refused:
                state.place = .profileMenu
            case .unreachable:
                // Said in their language, on the menu whose first choice makes a new profile here.
                state.notice = .otherSitesUnreachable
                state.place = .profileMenu
            }
            return []
        case .lessonReady(let module, let content, let previous, let seed, let at):
            guard case .catalogue = state.place, modules.indices.contains(module) else { return [] }
            let engine = LessonEngine(content: content)
            var lesson = KioskLesson(module: module, engine: engine, state: engine.initialState())
            let start: LessonEvent = previous.map {
                $0.completed ? .started(language: state.language, seed: seed, previous: $0, at: at)
                    : .resumed($0, language: state.language, at: at)
            } ?? .started(language: state.language, seed: seed, previous: nil, at: at)
            state.place = .lesson(lesson)
            return perform(&state, engine.reduce(&lesson.state, start), lesson: lesson)
        case .facilitatorPIN(let isSet):
            guard case .welcome = state.place else { return [] }
            if isSet { state.place = .exitPIN } else { state.notice = .noFacilitatorPIN }
            return []
        case .facilitatorPINChecked(let right, let at):
            guard case .exitPIN = state.place else { return [] }
            if right {
                state.wrongExitPINs = 0
                state.place = .facilitator
                return []
            }
            state.wrongExitPINs += 1
            if state.wrongExitPINs >= Self.exitTries {
                state.wrongExitPINs = 0
                state.exitLockedUntil = Instant(milliseconds: at.milliseconds + Self.exitWait)
            }
            state.place = .welcome
            return []
        case .storeFailed:
            state.storeAvailable = false
            state.place = .outOfOrder
            return []
        case .store(let available):
            state.storeAvailable = available
            if case .outOfOrder = state.place, available { state.place = .profileMenu }
            return []
        }
    }

    /// A profile opened: the catalogue, and the participant's own read-aloud setting (the kiosk's speed until
    /// they choose one).
    private func signIn(_ state: inout KioskState, _ profile: KioskProfile) {
        state.participant = profile
        state.reading = ReadAloudSetting(automatic: profile.readsAloud, speed: profile.speed ?? speed)
        state.place = .catalogue
    }

    private func isChoosing(_ place: KioskPlace) -> Bool {
        if case .choosePseudonym = place { return true }
        if case .pictures = place { return true }
        return false
    }

    // MARK: - Time

    private func tick(_ state: inout KioskState, at: Instant) -> [KioskEffect] {
        guard state.place.inSession else {
            state.countdown = nil
            return []
        }
        let idle = at.milliseconds - state.lastInputAt.milliseconds
        if idle >= idleTimeout {
            var effects: [KioskEffect] = []
            if case .lesson(var lesson) = state.place {
                effects = perform(&state, lesson.engine.reduce(&lesson.state, .idleTimeoutElapsed(at: at)), lesson: lesson)
            }
            return effects + logout(&state)
        }
        // The countdown, in the last 30 seconds (a third of a short timeout).
        let warning = min(30_000, idleTimeout / 3)
        state.countdown = idle >= idleTimeout - warning ? Int((idleTimeout - idle + 999) / 1000) : nil
        return []
    }

    private func logout(_ state: inout KioskState) -> [KioskEffect] {
        state.participant = nil
        // A guest's setting ends with their session; the next person starts with the kiosk's.
        state.reading = ReadAloudSetting(automatic: false, speed: speed)
        state.language = languages.contains(home) ? home : languages[0]
        state.place = .welcome
        state.countdown = nil
        state.notice = nil
        // Nothing of this participant's screen goes on being read to the next one.
        let stop: [KioskEffect] = state.speaking ? [.stopSpeaking] : []
        state.speaking = false
        return stop + [.forgetTyped]
    }

    // MARK: - Lines

    private func handle(_ state: inout KioskState, _ line: String, at: Instant) -> [KioskEffect] {
        let number = AnswerParser.numbers(line)?.first
        switch state.place {
        case .welcome, .chooseLanguage:
            if line == "0", case .welcome = state.place {
                if let until = state.exitLockedUntil, at < until { return [] }
                return [.askFacilitatorPIN]
            }
            guard let number, languages.indices.contains(number - 1) else { return [] }
            let chosen = languages[number - 1]
            if case .chooseLanguage = state.place {
                state.place = .confirmLanguage(chosen)
            } else {
                state.language = chosen
                state.place = .privacy
            }
            return []
        case .confirmLanguage(let target):
            state.place = .catalogue
            guard number == 1 else { return [] }
            state.language = target
            if var lessonParticipant = state.participant {
                lessonParticipant.language = target
                state.participant = lessonParticipant
                return [.setLanguage(target, participant: lessonParticipant.id)]
            }
            return []
        case .privacy:
            state.place = .profileMenu
            return []
        case .profileMenu:
            switch number {
            // Profiles need the data file: without it, the out-of-order screen (guests can still learn).
            case 1: state.place = state.storeAvailable ? .newPseudonym : .outOfOrder
            case 2:
                guard state.storeAvailable else {
                    state.place = .outOfOrder
                    return []
                }
                return [.listParticipants]
            case 3:
                state.participant = nil
                state.place = .catalogue
            default:
                if line == "0" || line == "<" { return logout(&state) }
                state.notice = .invalidChoice
            }
            return []
        case .newPseudonym:
            if line.isEmpty || line == "<" {
                state.place = .profileMenu
                return []
            }
            if line == Self.picturesKey {
                state.place = .pictures(PictureChoice(purpose: .newProfile))
                return []
            }
            // The form pictures are kept in is theirs alone: typed, it is taken.
            if PictureChoice.isReserved(line) {
                state.notice = .pseudonymTaken
                return []
            }
            state.place = .newPIN(pseudonym: line)
            return []
        case .newPIN(let pseudonym):
            return [.createProfile(pseudonym: pseudonym, pin: line.isEmpty ? nil : Folding.fold(line), language: state.language)]
        case .choosePseudonym(let list):
            if line == Self.picturesKey, !list.isEmpty {
                state.place = .pictures(PictureChoice(purpose: .signIn(list)))
                return []
            }
            if number == nil, !line.isEmpty, line != "<" {
                return typedPseudonym(&state, line, list: list)
            }
            guard let number, list.indices.contains(number - 1) else {
                state.place = .profileMenu
                return []
            }
            let who = list[number - 1]
            if who.hasPIN {
                state.place = .askPIN(who)
                return []
            }
            return [.signIn(pseudonym: who.pseudonym, pin: nil)]
        case .pictures(let choice):
            return handlePictures(&state, line, choice: choice)
        case .askPIN(let who):
            if line.isEmpty || line == "<" {
                state.place = .profileMenu
                return []
            }
            return [.signIn(pseudonym: who.pseudonym, pin: Folding.fold(line))]
        case .roamPIN(let pseudonym):
            if line.isEmpty || line == "<" {
                state.place = .profileMenu
                return []
            }
            return [.lookUpRemoteProfile(pseudonym: pseudonym, pin: Folding.fold(line))]
        case .catalogue:
            if line == "0" { return logout(&state) }
            if line == "*" {
                state.place = .chooseLanguage
                return []
            }
            if line == "-" {
                state.place = .readingSettings
                return []
            }
            guard let number, modules.indices.contains(number - 1) else {
                state.notice = .invalidChoice
                return []
            }
            return [.prepareLesson(module: number - 1, language: state.language, participant: state.participant?.id)]
        case .readingSettings:
            return changeReading(&state, line, number: number)
        case .lesson(let lesson):
            return handleLesson(&state, line, lesson: lesson, at: at)
        case .reflectionConsent(var lesson, let text):
            let consent = number == 1
            state.place = .lesson(lesson)
            return perform(&state, lesson.engine.reduce(&lesson.state, .answerSubmitted(.reflection(text: text, consent: consent), at: at)),
                           lesson: lesson)
        case .summary:
            state.place = .catalogue
            return []
        case .exitPIN:
            return [.checkFacilitatorPIN(Folding.fold(line))]
        case .facilitator:
            guard number == 1 else {
                state.place = .welcome
                return []
            }
            state.running = false
            return [.exit]
        case .outOfOrder:
            // Enter tries again: a facilitator may have fixed the disk.
            return [.reopenStore]
        }
    }

    /// A pseudonym typed on the list: a listed profile's (in any case or accent) opens as if chosen by number;
    /// another, with sync on, asks for its PIN and then the other sites; without sync, back to the menu as for
    /// a number not on the list.
    private func typedPseudonym(_ state: inout KioskState, _ line: String, list: [KioskProfile]) -> [KioskEffect] {
        let key = MatchKey(line, locale: "root").elements
        if let who = list.first(where: { MatchKey($0.pseudonym, locale: "root").elements == key }) {
            if who.hasPIN {
                state.place = .askPIN(who)
                return []
            }
            return [.signIn(pseudonym: who.pseudonym, pin: nil)]
        }
        guard roams, !key.isEmpty, !PictureChoice.isReserved(line) else {
            state.place = .profileMenu
            return []
        }
        state.place = .roamPIN(pseudonym: line)
        return []
    }

    /// 1 turns reading each new screen on or off; 2, 3 and 4 choose the speed; Enter (or 0, or back) goes back
    /// to the catalogue. The screen stays open after a change, so that both can be set in one visit.
    private func changeReading(_ state: inout KioskState, _ line: String, number: Int?) -> [KioskEffect] {
        switch number {
        case 1:
            state.reading.automatic.toggle()
            state.participant?.readsAloud = state.reading.automatic
        case .some(let number) where (2...1 + ReadingSpeed.allCases.count).contains(number):
            state.reading.speed = ReadingSpeed.allCases[number - 2]
            state.participant?.speed = state.reading.speed
        default:
            if ["", "0", "<", ">", "-"].contains(line) {
                state.place = .catalogue
            } else {
                state.notice = .invalidChoice
            }
            return []
        }
        // A guest's setting lasts their session; a profile keeps a speed only once its participant chose one.
        guard let participant = state.participant else { return [] }
        return [.saveReadAloud(automatic: participant.readsAloud, speed: participant.speed, participant: participant.id)]
    }

    private func handleLesson(_ state: inout KioskState, _ line: String, lesson: KioskLesson, at: Instant) -> [KioskEffect] {
        var lesson = lesson
        let engine = lesson.engine
        let effects: [LessonEffect]
        switch line {
        case "?": effects = engine.reduce(&lesson.state, .hintRequested)
        case "<", ">":  // "<" is drawn as ">" in right-to-left lines (bidi mirroring): both go back
            effects = engine.reduce(&lesson.state, .backRequested(at: at))
        case "+": effects = engine.reduce(&lesson.state, .frenchToggled)
        case "=":
            lesson.glossaryOpen.toggle()
            effects = []
        case "0":
            state.place = .catalogue
            return []
        default:
            guard let id = lesson.state.currentStep, let step = engine.content.module.step(id) else { return [] }
            if case .feedback(_, let finished) = lesson.state.phase {
                // Enter continues; an answer typed after a wrong try is the next try; anything else is said.
                if line.isEmpty {
                    effects = engine.reduce(&lesson.state, .continueRequested(at: at))
                } else if !finished, let answer = AnswerParser.answer(line, step: step, presentation: lesson.state.presentation(of: step)) {
                    effects = engine.reduce(&lesson.state, .answerSubmitted(answer, at: at))
                } else {
                    state.notice = finished ? .pressEnter : .invalidChoice
                    effects = []
                }
            } else if case .text = step.content {
                effects = engine.reduce(&lesson.state, .continueRequested(at: at))
            } else if case .reflection = step.content {
                if line.isEmpty {
                    effects = engine.reduce(&lesson.state, .answerSubmitted(.reflection(text: "", consent: false), at: at))
                } else {
                    state.place = .reflectionConsent(lesson, text: line)
                    return []
                }
            } else if let answer = AnswerParser.answer(line, step: step, presentation: lesson.state.presentation(of: step)) {
                effects = engine.reduce(&lesson.state, .answerSubmitted(answer, at: at))
            } else {
                if !line.isEmpty { state.notice = .invalidChoice }
                effects = []
            }
        }
        state.place = .lesson(lesson)
        return perform(&state, effects, lesson: lesson)
    }

    /// The lesson engine's effects, as the kiosk's: an attempt and the progress after it go to the store in
    /// one transaction; a guest's are not kept.
    private func perform(_ state: inout KioskState, _ effects: [LessonEffect], lesson: KioskLesson) -> [KioskEffect] {
        var result: [KioskEffect] = []
        var recorded = false
        if case .lesson = state.place { state.place = .lesson(lesson) }
        for effect in effects {
            switch effect {
            case .recordAttempt(let attempt):
                if let participant = state.participant {
                    result.append(.record(attempt, progress: lesson.state.progress, participant: participant.id))
                }
                recorded = true
            case .saveProgress(let progress):
                if let participant = state.participant, !recorded {
                    result.append(.saveProgress(progress, participant: participant.id))
                }
            case .completed(let summary):
                state.place = .summary(summary, module: lesson.module)
                return result
            case .ended, .render:
                break
            }
        }
        return result
    }
}
