import AtelierContent
import AtelierEngine
import AtelierText
import Testing
@testable import AtelierTerminal

/// Screens taller than the terminal page instead of losing their top (issue #18).
@Suite("Paging")
struct PagingTests {
    static func more(_ page: Int, _ pages: Int) -> [String] { ["▼ \(page)/\(pages)"] }

    static let sizes: [(rows: Int, height: Int, pages: Int)] = [
        (5, 15, 1), (14, 15, 1), (15, 15, 2), (26, 15, 2), (27, 15, 3), (100, 12, 10), (3, 8, 1),
    ]

    @Test(arguments: sizes)
    func aScreenIsCutIntoPagesThatFitWithTheirMoreLine(rows: Int, height: Int, pages: Int) {
        let screen = Screen(rows: (0..<rows).map { "row \($0)" })
        let paged = screen.pages(height: height, more: Self.more)
        #expect(paged.count == pages)
        #expect(paged.rowsShown == screen.rows)
        for index in 0..<paged.count {
            let page = paged.page(index)
            #expect(page.rows.count <= height - 1, "page \(index + 1) leaves no row for the prompt")
            if pages > 1 { #expect(page.rows.last == "▼ \(index + 1)/\(pages)") }
        }
        #expect(paged.page(-3) == paged.page(0))
        #expect(paged.page(99) == paged.page(paged.count - 1))
    }

    @Test func aMoreLineThatWrapsTakesItsRowsFromThePage() {
        let screen = Screen(rows: (0..<30).map { "row \($0)" })
        let paged = screen.pages(height: 10) { page, pages in ["▼ \(page)/\(pages)", "Espace"] }
        #expect(paged.rowsShown == screen.rows)
        for index in 0..<paged.count { #expect(paged.page(index).rows.count <= 9) }
    }

    /// The idle countdown is laid out like every text (issue #18: raw logical-order Arabic, 47 columns on a
    /// 40-column terminal): in Arabic, Tigrinya and Chinese at 40x15, over a page of a long step, it fits the
    /// width and the height, and Arabic comes shaped.
    @Test(arguments: ["ar", "ti", "zh", "prs"])
    func theIdleCountdownFitsAndIsLaidOut(code: String) throws {
        let content = GoldenScreenTests.content
        let language = try #require(content.languages.first { $0.code == code })
        let strings = content.strings(language)
        let style = TerminalStyle(width: 40, height: 15, plain: false, color: false, bidi: .app)
        let entry = content.modules[0]
        let text = content.text(of: entry.module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
        var state = engine.initialState()
        _ = engine.reduce(&state, .started(language: code, seed: 3, previous: nil, at: Instant(milliseconds: 0)))
        let screen = KioskRenderer.step(state, text: text, strings: strings, style: style)
        let page = screen.pages(height: style.height) { KioskRenderer.pageNote($0, of: $1, strings: strings, style: style) }.page(0)
        let warned = KioskScreens.withCountdown(page, seconds: 27, strings: strings, style: style)
        #expect(warned.rows.count <= style.height - 1)
        #expect(warned.rows.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(warned.rows)")
        #expect(warned.rows.contains { $0.contains("27") }, "the seconds are shown")
        if language.direction == .rightToLeft {
            #expect(warned.rows.contains { $0.unicodeScalars.contains { (0xFE70...0xFEFF).contains($0.value) || (0xFB50...0xFDFF).contains($0.value) } },
                    "shaped Arabic letters")
        }
    }

    /// The "more" line offers only keys that lead somewhere: no "next" on the last page, no "back" on the
    /// first, in every language (the same arrows ▼/▲ start each, whatever the script).
    @Test func theMoreLineOffersOnlyTheWaysThatExist() {
        let content = GoldenScreenTests.content
        let style = TerminalStyle(width: 80, height: 24, plain: false, color: false, bidi: .terminal)
        for language in content.languages {
            let strings = content.strings(language)
            let first = KioskRenderer.pageNote(1, of: 3, strings: strings, style: style).joined()
            let middle = KioskRenderer.pageNote(2, of: 3, strings: strings, style: style).joined()
            let last = KioskRenderer.pageNote(3, of: 3, strings: strings, style: style).joined()
            #expect(first.hasPrefix("▼ 1/3") && !first.contains("▲"), "\(language.code): \(first)")
            #expect(middle.hasPrefix("▼ 2/3") && middle.contains("▲"), "\(language.code): \(middle)")
            #expect(last.hasPrefix("▲ 3/3") && last.filter { $0 == "▲" }.count == 2 && !last.contains("▼"), "\(language.code): \(last)")
        }
    }

    /// After an answer on a screen taller than the terminal, the page shown is the one where the feedback
    /// begins, not the last one (which may hold only "press Enter"): every question of every module, wrong
    /// answer, in Tigrinya, Arabic and Chinese at 40x15.
    @Test(arguments: ["ti", "ar", "zh"])
    func theFeedbackIsOnThePageShownAfterAnAnswer(code: String) throws {
        let content = GoldenScreenTests.content
        let language = try #require(content.languages.first { $0.code == code })
        let strings = content.strings(language)
        let style = TerminalStyle(width: 40, height: 15, plain: false, color: false, bidi: .terminal)
        let verdict = strings.text("feedback.wrong")
        var checked = 0
        for entry in content.modules {
            let text = content.text(of: entry.module, texts: entry.texts, language: language)
            let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
            for step in entry.module.steps where step.content.isQuestion {
                guard let wrong = LessonEngine.wrongAnswer(for: step) else { continue }
                var state = engine.initialState()
                _ = engine.reduce(&state, .started(language: code, seed: 3, previous: nil, at: Instant(milliseconds: 0)))
                state.currentStep = step.id
                let before = KioskRenderer.step(state, text: text, strings: strings, style: style)
                _ = engine.reduce(&state, .answerSubmitted(wrong, at: Instant(milliseconds: 1000)))
                let after = KioskRenderer.step(state, text: text, strings: strings, style: style)
                let pages = after.pages(height: style.height) { page, count in
                    KioskRenderer.pageNote(page, of: count, strings: strings, style: style)
                }
                let shown = pages.page(pages.page(containing: Screen.firstChange(from: before, to: after)))
                #expect(shown.rows.contains { $0.contains(verdict.prefix(12)) }, "\(entry.module.id)/\(step.id): \(shown.rows)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// Every sentence of every step of every module, in Tigrinya, Arabic and Chinese at 40x15, is on a page
    /// that fits the terminal, with the answers and the prompt reachable.
    @Test(arguments: ["ti", "ar", "zh"])
    func everyStepOfEveryModuleFitsByPagingAt40x15(code: String) throws {
        let content = GoldenScreenTests.content
        let language = try #require(content.languages.first { $0.code == code })
        let strings = content.strings(language)
        let style = TerminalStyle(width: 40, height: 15, plain: false, color: false, bidi: .app)
        var checked = 0
        for entry in content.modules {
            let text = content.text(of: entry.module, texts: entry.texts, language: language)
            let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
            for step in entry.module.steps {
                var state = engine.initialState()
                _ = engine.reduce(&state, .started(language: code, seed: 3, previous: nil, at: Instant(milliseconds: 0)))
                state.currentStep = step.id
                let screen = KioskRenderer.step(state, text: text, strings: strings, style: style)
                let paged = screen.pages(height: style.height) { page, pages in
                    KioskRenderer.pageNote(page, of: pages, strings: strings, style: style)
                }
                #expect(paged.rowsShown == screen.rows, "\(entry.module.id)/\(step.id)")
                for index in 0..<paged.count {
                    let page = paged.page(index)
                    #expect(page.rows.count <= style.height - 1, "\(entry.module.id)/\(step.id) page \(index + 1)")
                    #expect(page.rows.allSatisfy { DisplayWidth.of($0) <= style.width }, "\(entry.module.id)/\(step.id)")
                }
                checked += 1
            }
        }
        #expect(checked > 150)
    }
}

/// The feedback of a typed answer shows back what was typed (issue #18).
@Suite("Typed answer on the feedback")
struct TypedFeedbackTests {
    @Test(arguments: ["fr", "ar", "zh"])
    func theTypedAnswerIsShownBack(code: String) throws {
        let content = GoldenScreenTests.content
        let language = try #require(content.languages.first { $0.code == code })
        let entry = try #require(content.modules.first { $0.module.id == "french-administration" })
        let step = try #require(entry.module.step("attestation-name"))
        let text = content.text(of: entry.module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
        var state = engine.initialState()
        _ = engine.reduce(&state, .started(language: code, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
        state.currentStep = step.id
        _ = engine.reduce(&state, .answerSubmitted(.text("instrukzion"), at: Instant(milliseconds: 1000)))
        let style = TerminalStyle(width: 80, height: 40, plain: false, color: false, bidi: .terminal)
        let screen = KioskRenderer.step(state, text: text, strings: content.strings(language), style: style)
        #expect(screen.text.contains("instrukzion"), "\(screen.text)")
    }

    /// While a typed question is open, the glossary does not give its answer away (issue #18): an entry that
    /// names the answer is left out until the question is finished.
    @Test(arguments: ["fr", "ar", "ti"])
    func theGlossaryNeverGivesATypedAnswerAway(code: String) throws {
        let content = GoldenScreenTests.content
        let language = try #require(content.languages.first { $0.code == code })
        let entry = try #require(content.modules.first { $0.module.id == "cae-status" })
        var module = entry.module
        let index = try #require(module.steps.firstIndex { $0.id == "cdi-name" })
        module.steps[index].glossary = ["CESA", "CAPE"]  // an author's slip: CESA is the answer
        let text = content.text(of: module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: module, matchLocale: language.icuLocale))
        var state = engine.initialState()
        _ = engine.reduce(&state, .started(language: code, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
        state.currentStep = "cdi-name"
        let style = TerminalStyle(width: 80, height: 60, plain: false, color: false, bidi: .terminal)
        let strings = content.strings(language)
        let open = KioskRenderer.step(state, text: text, strings: strings, style: style, glossaryOpen: true).text
        #expect(!open.contains("CESA"), "\(open)")
        #expect(open.contains("CAPE"))
        _ = engine.reduce(&state, .answerSubmitted(.text("CESA"), at: Instant(milliseconds: 1000)))
        let answered = KioskRenderer.step(state, text: text, strings: strings, style: style, glossaryOpen: true).text
        #expect(answered.contains(text.text(.glossary("CESA"))), "\(answered)")
    }

    /// A number typed with its unit, in another script or with separators: the feedback shows what was typed
    /// and, beside it, the number the kiosk understood; a plain number is shown once.
    @Test(arguments: [("fr", "3 ans", "3 ans (3)"), ("fr", "3", "écrit : 3\n"), ("ar", "٣ سنوات", "٣ سنوات (3)"),
                      ("prs", "۳ سال", "۳ سال (3)"), ("zh", "3年", "3年 (3)"), ("ta", "௩", "௩ (3)"), ("fr", "2 ans", "2 ans (2)")])
    func theNumberUnderstoodIsShownBesideWhatWasTyped(code: String, typed: String, shown: String) throws {
        let content = GoldenScreenTests.content
        let language = try #require(content.languages.first { $0.code == code })
        let entry = try #require(content.modules.first { $0.module.id == "cae-status" })
        let text = content.text(of: entry.module, texts: entry.texts, language: language)
        let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
        var state = engine.initialState()
        _ = engine.reduce(&state, .started(language: code, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
        state.currentStep = "member-years"
        _ = engine.reduce(&state, .answerSubmitted(.text(typed), at: Instant(milliseconds: 1000)))
        let style = TerminalStyle(width: 80, height: 40, plain: false, color: false, bidi: .terminal)
        let screen = KioskRenderer.step(state, text: text, strings: content.strings(language), style: style)
        #expect((screen.text + "\n").contains(shown), "\(screen.text)")
    }
}

/// Every screen of the kiosk flow, at any size from 40x12, fits the terminal page by page and leaves the
/// prompt's row free (issue #18).
@Suite("Every screen at any size")
struct EveryScreenFitsTests {
    static let sizes: [(Int, Int)] = [(40, 12), (40, 15), (41, 13), (52, 19), (64, 12), (80, 24), (100, 30), (120, 40)]

    @Test(arguments: sizes)
    func everyPlaceFitsByPages(width: Int, height: Int) throws {
        let content = GoldenScreenTests.content
        let flow = KioskFlow(languages: content.languages.map(\.code), modules: content.modules.map(\.module))
        let profile = KioskProfile(id: "p", pseudonym: "ሰላም Amina 小明", hasPIN: true, language: "ti")
        let style = TerminalStyle(width: width, height: height, plain: false, color: false, bidi: .app)
        for code in ["fr", "ar", "ti", "zh", "ps"] {
            let language = try #require(content.languages.first { $0.code == code })
            let strings = content.strings(language)
            var places: [KioskPlace] = [.welcome, .privacy, .profileMenu, .newPseudonym, .newPIN(pseudonym: "x"),
                                        .choosePseudonym([profile, profile]), .askPIN(profile), .catalogue, .chooseLanguage,
                                        .confirmLanguage("ar"), .exitPIN, .outOfOrder]
            let entry = content.modules[0]
            let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
            for step in entry.module.steps.prefix(12) {
                var lesson = KioskLesson(module: 0, engine: engine, state: engine.initialState())
                _ = engine.reduce(&lesson.state, .started(language: code, seed: 5, previous: nil, at: Instant(milliseconds: 0)))
                lesson.state.currentStep = step.id
                places.append(.lesson(lesson))
            }
            for place in places {
                var state = flow.initialState(at: Instant(milliseconds: 0))
                state.language = code
                state.place = place
                state.participant = profile
                state.notice = .invalidChoice
                let screen = KioskScreens.screen(state, content: content, strings: strings, style: style)
                // Every screen shows what the last key did (the listen key without sound, a wrong number...):
                // the privacy, summary, language and facilitator screens used to drop it.
                if code == "fr", place != .outOfOrder {
                    let said = KioskScreens.text(of: .invalidChoice, strings: strings)
                    let shown = screen.rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    #expect(shown.contains(String(said.prefix(12))), "\(place) at \(width)x\(height): \(said)")
                }
                let pages = screen.pages(height: height) { page, count in
                    KioskRenderer.pageNote(page, of: count, strings: strings, style: style)
                }
                #expect(pages.rowsShown == screen.rows)
                for index in 0..<pages.count {
                    let page = pages.page(index)
                    #expect(page.rows.count <= height - 1, "\(code) \(place) page \(index + 1) at \(width)x\(height)")
                    #expect(page.rows.allSatisfy { DisplayWidth.of($0) <= width }, "\(code) \(place) at \(width)x\(height)")
                }
            }
        }
    }
}
