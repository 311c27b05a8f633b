import AtelierContent
import AtelierEngine
import AtelierText

/// The kiosk flow's state as a screen: pure, from the state, the content and the terminal's style.
public enum KioskScreens {
    /// `lessonText` gives module `index`'s texts in the state's language; the kiosk passes its cache (a
    /// translation file is read once per module and language, not at every draw).
    public static func screen(_ state: KioskState, content: KioskContent, strings: InterfaceStrings, style: TerminalStyle,
                              standings: [String: ModuleStanding] = [:], lessonText: ((Int) -> LessonText)? = nil,
                              logPath: String? = nil) -> Screen {
        let notice = state.notice.map { text(of: $0, strings: strings) }
        let language = content.languages.first { $0.code == state.language } ?? content.languages[0]
        let textOf = lessonText ?? { index in
            content.text(of: content.modules[index].module, texts: content.modules[index].texts, language: language)
        }
        switch state.place {
        case .welcome:
            return KioskRenderer.welcome(languages: content.languages, style: style, idleWarning: notice)
        case .privacy:
            return KioskRenderer.message(title: strings.text("privacy.title"),
                                         body: [strings.text("privacy.body"), strings.text("privacy.continue")] + [notice].compactMap { $0 },
                                         strings: strings, style: style)
        case .profileMenu:
            return KioskRenderer.menu(title: strings.text("profile.title"),
                                      options: [strings.text("profile.new"), strings.text("profile.continue"), strings.text("profile.guest")],
                                      footer: notice, strings: strings, style: style)
        case .newPseudonym:
            var screen = KioskRenderer.message(title: strings.text("profile.title"),
                                               body: [notice, strings.text("profile.pseudonym"), strings.text("pictures.offer")].compactMap { $0 },
                                               strings: strings, style: style)
            var bar = ScreenBuilder(style: style, direction: strings.language.direction)
            KioskRenderer.pictureKeyBar(&bar, strings: strings)
            screen.rows += bar.rows
            return screen
        case .newPIN:
            return KioskRenderer.message(title: strings.text("profile.title"), body: [notice, strings.text("profile.pin")].compactMap { $0 },
                                         strings: strings, style: style)
        case .choosePseudonym(let list):
            // With sync on, a profile made at another site is opened by typing its pseudonym here.
            let otherSite = state.roams ? strings.text("profile.other-site") : nil
            if list.isEmpty {
                // "Type it, then Enter" or "Press Enter to continue": one instruction, not two that contradict.
                return KioskRenderer.message(title: strings.text("profile.title"),
                                             body: [strings.text("profile.none"), otherSite ?? strings.text("privacy.continue")]
                                                 + [notice].compactMap { $0 },
                                             strings: strings, style: style)
            }
            return KioskRenderer.profileList(list, notice: notice, otherSite: otherSite, strings: strings, style: style)
        case .pictures(let choice):
            return KioskRenderer.pictures(choice, notice: notice, strings: strings, style: style)
        case .askPIN(let who):
            return KioskRenderer.message(title: Picture.shown(pseudonym: who.pseudonym), body: [notice, strings.text("profile.pin-ask")].compactMap { $0 },
                                         strings: strings, style: style)
        case .roamPIN:
            // The pseudonym typed is not shown again: a PIN screen shows nothing of who is signing in elsewhere.
            return KioskRenderer.message(title: strings.text("profile.title"),
                                         body: [notice, strings.text("profile.other-site-pin")].compactMap { $0 },
                                         strings: strings, style: style)
        case .catalogue:
            let entries = content.modules.indices.map { index in
                let text = textOf(index)
                // A module not translated into the participant's language says so: it is read in French.
                let title = text.text(.moduleTitle) + (content.shownInFrench(text) ? " (\(strings.text("commands.french")))" : "")
                return (module: content.modules[index].module, title: title, standing: standings[content.modules[index].module.id])
            }
            var screen = KioskRenderer.catalogue(modules: entries, name: state.participant.map { Picture.shown(pseudonym: $0.pseudonym) }, strings: strings, style: style)
            if let notice { screen.rows += KioskRenderer.note(notice, strings: strings, style: style) }
            return screen
        case .lesson(let lesson):
            guard content.modules.indices.contains(lesson.module) else { return KioskRenderer.outOfOrder(strings: strings, style: style) }
            return KioskRenderer.step(lesson.state, text: textOf(lesson.module),
                                      strings: strings, style: style, glossaryOpen: lesson.glossaryOpen, notice: notice)
        case .reflectionConsent:
            return KioskRenderer.menu(title: strings.text("step.keep-answer"), options: [], footer: notice, strings: strings, style: style)
        case .summary(let summary, let module):
            guard content.modules.indices.contains(module) else { return KioskRenderer.outOfOrder(strings: strings, style: style) }
            var screen = KioskRenderer.summary(summary, text: textOf(module), strings: strings, style: style)
            if let notice { screen.rows += KioskRenderer.note(notice, strings: strings, style: style) }
            return screen
        case .chooseLanguage:
            return KioskRenderer.welcome(languages: content.languages, style: style, idleWarning: notice)
        case .readingSettings:
            return KioskRenderer.readingSettings(state.reading, guest: state.participant == nil, notice: notice, strings: strings, style: style)
        case .confirmLanguage(let code):
            let target = content.languages.first { $0.code == code }?.endonym ?? code
            var screen = KioskRenderer.menu(title: target, options: [], footer: strings.text("language.confirm"), strings: strings, style: style)
            if let notice { screen.rows += KioskRenderer.note(notice, strings: strings, style: style) }
            return screen
        case .exitPIN:
            return KioskRenderer.message(title: nil, body: [notice, strings.text("exit.pin")].compactMap { $0 }, strings: strings, style: style)
        case .facilitator:
            var body = [strings.text("facilitator.modules", ["count": .number(Double(content.modules.count))]),
                        strings.text("facilitator.refused", ["count": .number(Double(content.refusedModules))]),
                        strings.text("facilitator.in-french", ["count": .number(Double(content.missingTranslations.count))])]
            if let logPath, !content.refused.isEmpty || !content.missingTranslations.isEmpty {
                body.append(strings.text("facilitator.log", ["path": .string(logPath)]))
            }
            var screen = KioskRenderer.message(title: strings.text("facilitator.title"), body: body, strings: strings, style: style)
            var options = ScreenBuilder(style: style, direction: strings.language.direction)
            options.keyed(1, strings.text("facilitator.leave"))
            options.blank()
            options.paragraph(strings.text("facilitator.back"))
            screen.rows += options.rows
            if let notice { screen.rows += KioskRenderer.note(notice, strings: strings, style: style) }
            return screen
        case .outOfOrder:
            return KioskRenderer.outOfOrder(strings: strings, style: style)
        }
    }

    /// The idle countdown under the screen (a page of it) when there is room, else over its first rows:
    /// always on screen, laid out like every text (shaped, in visual order, wrapped to the width).
    public static func withCountdown(_ screen: Screen, seconds: Int, strings: InterfaceStrings, style: TerminalStyle) -> Screen {
        let note = KioskRenderer.note(strings.text("idle.warning", ["seconds": .number(Double(seconds))]), strings: strings, style: style)
        var warned = screen
        if warned.rows.count + note.count < style.height {
            warned.rows += note
        } else {
            warned.rows = note + warned.rows.dropFirst(note.count)
        }
        return warned
    }

    /// A notice in the participant's language.
    public static func text(of notice: KioskNotice, strings: InterfaceStrings) -> String {
        switch notice {
        case .invalidChoice: return strings.text("invalid.choice")
        case .pressEnter: return strings.text("step.continue")
        case .pinInvalid: return strings.text("profile.pin-invalid")
        case .pseudonymTaken: return strings.text("profile.taken")
        case .pseudonymTooLong: return strings.text("profile.too-long")
        case .pseudonymEmpty: return strings.text("profile.empty")
        case .picturesTaken: return strings.text("pictures.taken")
        case .picturesUnknown: return strings.text("pictures.unknown")
        case .wrongPIN(let left): return strings.text("profile.wrong-pin", ["left": .number(Double(left))])
        case .locked(let minutes): return strings.text("profile.locked", ["minutes": .number(Double(minutes))])
        case .otherSitesUnreachable: return strings.text("profile.other-sites-away")
        case .noFacilitatorPIN: return strings.text("exit.no-pin")
        case .noSound: return strings.text("speech.no-sound")
        case .readInFrench: return strings.text("speech.no-voice")
        }
    }
}
