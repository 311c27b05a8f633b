import AtelierContent
import AtelierEngine
import AtelierText

/// Every kiosk screen as a pure function of what it shows: no terminal, no clock, no store. The shell
/// draws the result; `atelier preview` prints it; the golden tests compare it.
public enum KioskRenderer {
    /// The language picker: each language in its own script and direction, numbered.
    public static func welcome(languages: [LanguageInfo], style: TerminalStyle, idleWarning: String? = nil) -> Screen {
        var screen = ScreenBuilder(style: style, direction: .leftToRight)
        screen.rows.append(screen.bold("Atelier"))
        screen.rule()
        for (index, language) in languages.enumerated() {
            screen.mark(.option(index + 1))
            screen.keyed(index + 1, language.endonym, direction: language.direction)
        }
        screen.blank()
        // The instruction in every language is too long for one screen: the numbers and names speak for it.
        screen.mark(.instruction)
        screen.line("1-\(languages.count)  ↵")
        if let idleWarning { screen.line(idleWarning) }
        return screen.screen
    }

    /// A sentence added under a screen (the idle countdown, a notice): laid out like every other text, in the
    /// language's direction and within the width, never appended raw.
    public static func note(_ text: String, strings: InterfaceStrings, style: TerminalStyle) -> [String] {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        screen.paragraph(text)
        return screen.rows
    }

    /// The "more" line of page `number` of `count`: only the keys that lead somewhere from this page (no
    /// "next" on the last page, no "back" on the first).
    public static func pageNote(_ number: Int, of count: Int, strings: InterfaceStrings, style: TerminalStyle) -> [String] {
        let key = number <= 1 ? "page.first" : number >= count ? "page.last" : "page.more"
        return note(strings.text(key, ["page": .number(Double(number)), "pages": .number(Double(count))]), strings: strings, style: style)
    }

    public static func message(title: String?, body: [String], strings: InterfaceStrings, style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: title ?? strings.text("welcome.title"), strings: strings)
        for (index, paragraph) in body.enumerated() {
            screen.mark(.paragraph(index))
            screen.paragraph(paragraph)
            screen.blank()
        }
        return screen.screen
    }

    public static func menu(title: String, options: [String], footer: String?, strings: InterfaceStrings,
                            style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: title, strings: strings)
        for (index, option) in options.enumerated() {
            screen.mark(.option(index + 1))
            screen.keyed(index + 1, option)
        }
        if let footer {
            screen.blank()
            screen.mark(.instruction)
            screen.paragraph(footer)
        }
        return screen.screen
    }

    /// The module catalogue with progress bars, status and minutes.
    public static func catalogue(modules: [(module: Module, title: String, standing: ModuleStanding?)], name: String?,
                                 strings: InterfaceStrings, style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: strings.text("catalogue.title"), strings: strings)
        if let name { screen.paragraph(strings.text("catalogue.hello", ["name": .string(name)])) }
        screen.blank()
        for (index, entry) in modules.enumerated() {
            screen.mark(.option(index + 1))
            screen.keyed(index + 1, entry.title)
            let standing = entry.standing
            let status: String
            if standing?.completed == true {
                status = strings.text("catalogue.done")
                    + ((standing?.reviewCount ?? 0) > 0 ? " · " + strings.text("catalogue.review", ["count": .number(Double(standing!.reviewCount))]) : "")
            } else if standing != nil {
                status = strings.text("catalogue.in-progress")
            } else {
                status = strings.text("catalogue.new")
            }
            let done = standing?.completed == true ? entry.module.steps.count : (standing?.stepsDone ?? 0)
            let bar = screen.bar(done, of: entry.module.steps.count, width: min(12, max(4, style.width / 6)))
            let minutes = strings.text("catalogue.minutes", ["minutes": .number(Double(entry.module.minutes))])
            screen.paragraph("\(bar) \(status) · \(minutes)", indent: 4)
        }
        screen.blank()
        screen.mark(.instruction)
        screen.paragraph(strings.text("catalogue.choose"))
        // The read-aloud setting has its key here, beside the listen key: whoever uses the kiosk by ear finds both.
        bar(&screen, ["- " + strings.text("commands.reading"), "L " + strings.text("commands.listen")])
        return screen.screen
    }

    /// The read-aloud setting: 1 turns reading each new screen on or off, 2 to 4 choose the speed (the chosen one
    /// says so in words, not only with a sign); a guest is told the setting ends with their visit.
    public static func readingSettings(_ setting: ReadAloudSetting, guest: Bool, notice: String?, strings: InterfaceStrings,
                                       style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: strings.text("reading.title"), strings: strings)
        for (index, option) in readingOptions(setting, strings: strings).enumerated() {
            screen.mark(.option(index + 1))
            screen.keyed(index + 1, option)
        }
        screen.blank()
        if guest {
            screen.mark(.text)
            screen.paragraph(strings.text("reading.guest"))
        }
        if let notice {
            screen.mark(.notice)
            screen.paragraph(notice)
        }
        screen.mark(.instruction)
        screen.paragraph(strings.text("reading.choose"))
        return screen.screen
    }

    /// The entries of the read-aloud setting, in order (the screen and its reading aloud share them).
    public static func readingOptions(_ setting: ReadAloudSetting, strings: InterfaceStrings) -> [String] {
        [strings.text(setting.automatic ? "reading.auto-on" : "reading.auto-off")] + ReadingSpeed.allCases.map { speed in
            strings.text("reading.\(speed.rawValue)") + (speed == setting.speed ? " " + strings.text("reading.chosen") : "")
        }
    }

    /// A step of a module: the question or text, its choices, the feedback after an attempt, the French
    /// original and the glossary on request, and the command bar.
    public static func step(_ state: LessonState, text: LessonText, strings: InterfaceStrings, style: TerminalStyle,
                            glossaryOpen: Bool = false, notice: String? = nil) -> Screen {
        let module = text.module
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        guard let id = state.currentStep, let step = module.step(id) else { return Screen(rows: screen.rows) }
        // A review counts its own questions, not the module's steps.
        let reviewing = state.mode == .review && !state.reviewSteps.isEmpty
        let number = (reviewing ? state.reviewSteps.firstIndex(of: id) : module.index(of: id)).map { $0 + 1 } ?? 1
        let total = reviewing ? state.reviewSteps.count : module.steps.count
        let title = state.mode == .review ? strings.text("review.title") : text.text(.moduleTitle)
        // The module's title heads the screen but is not read: the step's own title is.
        header(&screen, title: title, strings: strings, part: .header)
        let progress = strings.text("step.progress", ["step": .number(Double(number)), "total": .number(Double(total))])
        screen.mark(.progress)
        screen.paragraph(screen.bar(number, of: total, width: min(20, style.width / 3)) + " " + progress)
        screen.blank()

        func say(_ field: TranslationKey.Field) {
            let context = TranslationKey.step(id, field)
            screen.mark(.text)
            screen.paragraph(text.text(context))
            if state.showFrench && text.isTranslated(context) {
                screen.paragraph(screen.dim(strings.text("french.label")) + " " + text.frenchText(context), direction: .leftToRight, indent: 2)
            }
        }
        if step.title != nil {
            screen.rows.append(screen.bold(""))  // keep the title on its own row
            screen.rows.removeLast()
            screen.mark(.title)
            screen.paragraph(text.text(.step(id, .title)))
            screen.blank()
        }
        let presentation = state.presentation(of: step)
        func option(_ number: Int, _ said: String) {
            screen.mark(.option(number))
            screen.keyed(number, said)
        }
        var instruction: String?
        switch step.content {
        case .text:
            say(.body)
            instruction = strings.text("step.continue")
        case .choice(_, _, let correct):
            say(.prompt)
            screen.blank()
            for (index, choice) in presentation.enumerated() { option(index + 1, text.text(.choice(id, choice))) }
            instruction = strings.text(correct.count > 1 ? "step.answer-numbers" : "step.answer-number")
        case .trueFalse:
            say(.statement)
            screen.blank()
            option(1, strings.text("step.true"))
            option(2, strings.text("step.false"))
            instruction = strings.text("step.answer-number")
        case .input:
            say(.prompt)
            instruction = strings.text("step.answer-text")
        case .order(_, _):
            say(.prompt)
            screen.blank()
            for (index, item) in presentation.enumerated() { option(index + 1, text.text(.item(id, item))) }
            instruction = strings.text("step.answer-order")
        case .match(_, let pairs):
            say(.prompt)
            screen.blank()
            screen.mark(.terms)
            screen.paragraph(strings.text("step.terms"))
            for pair in pairs { screen.paragraph("• " + pair.term, direction: .leftToRight, indent: 2) }
            screen.mark(.meanings)
            screen.paragraph(strings.text("step.meanings"))
            for (index, pair) in presentation.enumerated() { option(index + 1, text.text(.pairMeaning(id, pair))) }
            instruction = strings.text("step.answer-match")
        case .scenario:
            say(.situation)
            screen.blank()
            for (index, choice) in presentation.enumerated() { option(index + 1, text.text(.option(id, choice))) }
            instruction = strings.text("step.answer-number")
        case .reflection:
            say(.prompt)
            instruction = strings.text("step.answer-reflection")
        }
        if state.hintShown, step.hint != nil {
            screen.blank()
            screen.mark(.hint)
            screen.paragraph("? " + text.text(.step(id, .hint)))
        }
        if case .feedback(let result, let finished) = state.phase {
            screen.blank()
            screen.mark(.feedback)
            feedback(&screen, result: result, finished: finished, step: step, state: state, text: text, strings: strings)
            instruction = finished ? strings.text("step.continue") : strings.text("feedback.try-again")
        }
        // The hint is offered while the question is open, never once it is finished.
        var finished = state.records[id]?.finished == true
        if case .feedback(_, true) = state.phase { finished = true }
        // While a typed question is open, the glossary leaves out an entry that would give its answer away.
        let glossary = step.glossary.filter { term in
            finished || !Self.givesAway(term: term, explanation: text.text(.glossary(term)), step: step, text: text)
        }
        if glossaryOpen && !glossary.isEmpty {
            screen.blank()
            screen.mark(.glossary)
            screen.paragraph(strings.text("glossary.title"))
            for term in glossary {
                screen.paragraph(term, direction: .leftToRight, indent: 2)
                screen.paragraph(text.text(.glossary(term)), indent: 4)
            }
        }
        screen.blank()
        if let notice {
            screen.mark(.notice)
            screen.paragraph(notice)
        }
        if let instruction {
            screen.mark(.instruction)
            screen.paragraph(instruction)
        }
        commandBar(&screen, strings: strings, hint: step.hint != nil && !state.hintShown && !finished && step.content.isQuestion,
                   glossary: !glossary.isEmpty)
        return screen.screen
    }

    /// Whether a glossary entry names an accepted answer of a typed question (in French or in the
    /// participant's language): "CESA: C'est un CDI dans la CAE" beside "Which contract is a CDI?".
    static func givesAway(term: String, explanation: String, step: Step, text: LessonText) -> Bool {
        guard case .input(_, let accept, _, _) = step.content else { return false }
        let answers = (accept + (text.acceptedInLanguage[step.id] ?? [])).filter { $0.count >= 2 }
        return answers.contains { answer in
            [term, explanation].contains { $0.range(of: answer, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        }
    }

    static func feedback(_ screen: inout ScreenBuilder, result: AnswerResult, finished: Bool, step: Step, state: LessonState,
                         text: LessonText, strings: InterfaceStrings) {
        let id = step.id
        switch step.content {
        case .scenario:
            for option in result.feedbackFor where !text.text(.optionFeedback(id, option)).isEmpty {
                screen.paragraph(text.text(.optionFeedback(id, option)))
            }
            return
        case .reflection:
            screen.paragraph(strings.text("feedback.thanks"))
            return
        default:
            break
        }
        if let typed = result.typed, !typed.isEmpty {
            // What was typed, shown back: a participant sees what the kiosk read. A number typed with its
            // unit, in another script or with separators also shows the number understood: "١٢٠ يومًا (120)".
            var shown = typed
            if case .input(_, _, _, let number?) = step.content, let value = NumberInput.parseWithUnit(typed),
               case .success(let read) = MessageFormatter.format(number.value == number.value.rounded() && value == value.rounded()
                                                                     ? "{v, number, ::precision-integer group-off}" : "{v, number, ::group-off}",
                                                                 locale: strings.language.icuLocale, ["v": .number(value)]),
               read != typed.trimmingCharacters(in: .whitespaces) {
                shown += " (\(read))"
            }
            screen.paragraph(strings.text("feedback.typed", ["answer": .string(shown)]))
        }
        screen.paragraph(screen.bold(strings.text(result.correct ? "feedback.right" : "feedback.wrong")))
        switch step.content {
        case .choice:
            for choice in result.feedbackFor where !text.text(.choiceFeedback(id, choice)).isEmpty {
                screen.paragraph(text.text(.choiceFeedback(id, choice)))
            }
        case .trueFalse(_, _, let feedback):
            for value in result.feedbackFor where feedback[value == "true"] != nil {
                screen.paragraph(text.text(.feedback(id, answer: value == "true")))
            }
        case .order(_, let items):
            screen.paragraph(strings.text("feedback.partial", ["right": .number(Double(items.count - result.misplaced.count)),
                                                                "total": .number(Double(items.count))]))
        case .match(_, let pairs):
            screen.paragraph(strings.text("feedback.partial", ["right": .number(Double(pairs.count - result.misplaced.count)),
                                                                "total": .number(Double(pairs.count))]))
        default:
            break
        }
        guard finished else { return }
        if !result.correct {
            switch step.content {
            case .choice(_, _, let correct):
                screen.paragraph(strings.text("feedback.answer"))
                let presentation = state.presentation(of: step)
                for id in correct {
                    if let index = presentation.firstIndex(of: id) { screen.keyed(index + 1, text.text(.choice(step.id, id))) }
                }
            case .order(_, let items):
                screen.paragraph(strings.text("feedback.answer"))
                for (index, item) in items.enumerated() { screen.paragraph("\(index + 1). " + text.text(.item(step.id, item.id)), indent: 2) }
            case .match(_, let pairs):
                screen.paragraph(strings.text("feedback.answer"))
                for pair in pairs {
                    screen.paragraph(pair.term, direction: .leftToRight, indent: 2)
                    screen.paragraph(text.text(.pairMeaning(step.id, pair.id)), indent: 4)
                }
            case .input(_, let accept, _, let number):
                screen.paragraph(strings.text("feedback.answer") + " " + (accept.first ?? number.map { formatNumber($0.value) } ?? ""))
            case .trueFalse(_, let answer, _):
                screen.paragraph(strings.text("feedback.answer") + " " + strings.text(answer ? "step.true" : "step.false"))
            default:
                break
            }
        }
        if step.explanation != nil {
            screen.blank()
            screen.mark(.explanation)
            screen.paragraph(text.text(.step(step.id, .explanation)))
        }
    }

    static func formatNumber(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The end of a module: score, time, what was missed, the French terms met.
    public static func summary(_ summary: LessonSummary, text: LessonText, strings: InterfaceStrings, style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: strings.text(summary.review ? "summary.review-title" : "summary.title"), strings: strings)
        screen.mark(.text)
        screen.paragraph(text.text(.moduleTitle))
        screen.blank()
        screen.mark(.progress)
        let score = summary.score == summary.score.rounded() ? String(Int(summary.score)) : String(format1(summary.score))
        screen.paragraph(strings.text("summary.score", ["score": .string(score), "total": .number(Double(summary.maximum))]))
        screen.paragraph(screen.bar(Int(summary.score.rounded()), of: max(1, summary.maximum), width: min(20, style.width / 3)))
        screen.paragraph(strings.text("summary.time", ["minutes": .number(Double(max(1, (summary.milliseconds + 30_000) / 60_000)))]))
        screen.paragraph(strings.text("summary.missed", ["count": .number(Double(summary.missed.count))]))
        if !summary.glossaryMet.isEmpty {
            screen.blank()
            screen.mark(.glossary)
            screen.paragraph(strings.text("summary.glossary"))
            screen.paragraph(summary.glossaryMet.joined(separator: " · "), direction: .leftToRight, indent: 2)
        }
        screen.blank()
        screen.mark(.instruction)
        screen.paragraph(strings.text("step.continue"))
        return screen.screen
    }

    static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    public static func outOfOrder(strings: InterfaceStrings, style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: strings.text("out-of-order.title"), strings: strings)
        screen.mark(.text)
        screen.paragraph(strings.text("out-of-order.body"))
        return screen.screen
    }

    static func header(_ screen: inout ScreenBuilder, title: String, strings: InterfaceStrings, part: ScreenPart = .title) {
        screen.mark(part)
        screen.paragraph(screen.bold(title))
        if strings.language.status == .draft {
            // Discreet, and in the language itself: the reader should know a person has not checked it yet.
            screen.paragraph(screen.dim(strings.text("draft.label")))
        }
        screen.rule()
    }

    static func commandBar(_ screen: inout ScreenBuilder, strings: InterfaceStrings, hint: Bool, glossary: Bool) {
        var commands: [String] = []
        if hint { commands.append("? " + strings.text("commands.hint")) }
        commands.append("< " + strings.text("commands.back"))
        if strings.language.status != .source { commands.append("+ " + strings.text("commands.french")) }
        if glossary { commands.append("= " + strings.text("commands.glossary")) }
        commands.append("0 " + strings.text("commands.menu"))
        commands.append("L " + strings.text("commands.listen"))
        bar(&screen, commands)
    }

    /// A rule, then the keys and their words.
    static func bar(_ screen: inout ScreenBuilder, _ commands: [String]) {
        screen.mark(.commands)
        screen.rule()
        // A key and its word stay together on a narrow terminal: the bar breaks only between commands. In a
        // right-to-left screen a word still in French (a draft not yet reviewed shows the French) would take the
        // next key into its left-to-right run ("lecture à voix haute   L -"): a right-to-left mark closes each
        // command (the layout drops it once the line is in visual order).
        let close = screen.direction == .rightToLeft ? "\u{200F}" : ""
        let glued = commands.map { $0.replacingOccurrences(of: " ", with: "\u{A0}") + close }
        screen.paragraph(glued.joined(separator: "   "))
    }
}
