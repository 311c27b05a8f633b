import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierText
import Testing
@testable import AtelierTerminal

/// Reading aloud starts at the page shown (issue #19): a participant who paged forward hears that page on, not the
/// top of the screen again. The renderers mark where each part of a screen begins; the script leaves out the
/// parts wholly on earlier pages.
@Suite("Reading from the page shown")
struct ReadingFromPageTests {
    static let content = GoldenScreenTests.content
    static let style = TerminalStyle(width: 40, height: 15, plain: false, color: false, bidi: .app)

    static func strings(_ code: String) -> InterfaceStrings { KioskSpeechTests.strings[code]! }

    static func pages(_ screen: Screen, _ strings: InterfaceStrings) -> Screen.Pages {
        screen.pages(height: style.height) { KioskRenderer.pageNote($0, of: $1, strings: strings, style: style) }
    }

    /// Where part `part` of `screen` ends: before the next part, without the blank rows between.
    static func end(of part: ScreenPart, in screen: Screen) -> Int {
        let start = screen.marks[part.name]!
        var end = screen.marks.values.filter { $0 > start }.min() ?? screen.rows.count
        while end > start + 1 && screen.rows[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        return end
    }

    /// Every step of every module in Arabic and Tigrinya at 40x15 (Tigrinya is read in French: the parts are the
    /// same): on each page after the first, what is read is the end of the whole reading; every part that reaches
    /// the page is read; what is left out lies wholly on the pages before.
    @Test(arguments: ["ar", "ti"])
    func eachPageIsReadFromItsOwnText(code: String) throws {
        let strings = Self.strings(code)
        var paged = 0
        for entry in Self.content.modules {
            for step in entry.module.steps {
                let (state, text, _) = try KioskSpeechTests.at(entry.module.id, step: step.id, language: code)
                guard case .lesson(let lesson) = state.place else { continue }
                let screen = KioskRenderer.step(lesson.state, text: text, strings: strings, style: Self.style)
                let pages = Self.pages(screen, strings)
                let whole = KioskSpeechTests.script(state)
                let name = "\(entry.module.id)/\(step.id)"
                #expect(whole.reading(fromRow: 0, of: screen) == whole, "\(name): the first page reads the whole screen")
                #expect(whole.parts.allSatisfy { $0.map { screen.marks[$0.name] != nil } ?? false }, "\(name): every part read is marked")
                guard pages.count > 1 else { continue }
                paged += 1
                for page in 1..<pages.count {
                    let first = pages.firstRow(ofPage: page)
                    let read = whole.reading(fromRow: first, of: screen)
                    #expect(!read.segments.isEmpty)
                    #expect(Array(whole.segments.suffix(read.segments.count)) == read.segments, "\(name) page \(page + 1): the end of the reading")
                    for part in Set(whole.parts.compactMap { $0 }) {
                        let reaches = Self.end(of: part, in: screen) > first
                        #expect(read.parts.contains(part) == reaches || read == whole, "\(name) page \(page + 1): \(part)")
                    }
                }
            }
        }
        #expect(paged > 20, "long steps page at 40x15")
    }

    /// On a page that begins in the middle of the step's text, the text is read whole (never from the middle of a
    /// sentence); on the page after it, it is not read again.
    @Test func aPartThatRunsOntoThePageIsReadWhole() throws {
        let strings = Self.strings("ar")
        var checked = 0
        for entry in Self.content.modules {
            for step in entry.module.steps {
                let (state, text, _) = try KioskSpeechTests.at(entry.module.id, step: step.id, language: "ar")
                guard case .lesson(let lesson) = state.place else { continue }
                let screen = KioskRenderer.step(lesson.state, text: text, strings: strings, style: Self.style)
                let pages = Self.pages(screen, strings)
                guard let start = screen.marks[ScreenPart.text.name], pages.count > 1 else { continue }
                let end = Self.end(of: .text, in: screen)
                let whole = KioskSpeechTests.script(state)
                let spoken = whole.segments.enumerated().filter { whole.parts[$0.offset] == .text }.map(\.element)
                for page in 1..<pages.count {
                    let first = pages.firstRow(ofPage: page)
                    let read = whole.reading(fromRow: first, of: screen)
                    if start < first && first < end {
                        #expect(Array(read.segments.prefix(spoken.count)) == spoken, "\(entry.module.id)/\(step.id)")
                        checked += 1
                    } else if end <= first {
                        #expect(!read.parts.contains(.text) || read == whole)
                    }
                }
            }
        }
        #expect(checked > 0, "some text runs over a page break at 40x15 in Arabic")
    }

    /// The language picker at 40x15 pages: the second page is read from the first language it shows, by its
    /// number, in its own voice.
    @Test func theSecondPageOfTheLanguagePickerIsReadFromItsFirstLanguage() throws {
        let screen = KioskRenderer.welcome(languages: Self.content.languages, style: Self.style)
        let pages = Self.pages(screen, Self.strings("fr"))
        try #require(pages.count > 1)
        let first = pages.firstRow(ofPage: 1)
        let number = try #require((1...Self.content.languages.count).first { screen.marks[ScreenPart.option($0).name]! >= first })
        let read = KioskSpeechTests.script(KioskState(language: "fr", at: Instant(milliseconds: 0))).reading(fromRow: first, of: screen)
        #expect(read.segments.first?.text == "\(number).", "\(read.segments.prefix(3))")
        #expect(!read.segments.contains { $0.text == "1." })
    }

    /// A page with nothing of the reading on it (past the last part) reads the whole screen rather than nothing.
    @Test func aPageWithNothingToReadReadsTheScreen() {
        let screen = KioskRenderer.welcome(languages: Self.content.languages, style: Self.style)
        let whole = KioskSpeechTests.script(KioskState(language: "fr", at: Instant(milliseconds: 0)))
        #expect(whole.reading(fromRow: screen.rows.count, of: screen) == whole)
    }
}
