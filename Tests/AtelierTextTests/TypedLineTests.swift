import Testing
@testable import AtelierText

/// What a participant typing in a right-to-left language sees in the answer field (issue #18: readline drew
/// Arabic backwards and unjoined, with the caret at the wrong end).
@Suite("A line being typed, in visual order")
struct TypedLineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        /// The caret, in characters from the logical start.
        let caretCharacters: Int
        let width: Int
        let direction: TextDirection
        let row: String
        let caret: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // سلام: shaped and reversed, right-aligned; lam + alef make one ligature, so 3 columns. Typing goes on
        // at the left end of the word.
        Case(name: "ar word, caret at the end", text: "سلام", caretCharacters: 4, width: 10, direction: .rightToLeft,
             row: "       \u{FEE1}\u{FEFC}\u{FEB3}", caret: 7),
        // The caret before the first letter stands at the right end.
        Case(name: "ar word, caret at the start", text: "سلام", caretCharacters: 0, width: 10, direction: .rightToLeft,
             row: "       \u{FEE1}\u{FEFC}\u{FEB3}", caret: 10),
        // Nothing typed yet: the caret waits at the right edge of the field.
        Case(name: "ar empty", text: "", caretCharacters: 0, width: 6, direction: .rightToLeft,
             row: "      ", caret: 6),
        // Digits typed after an Arabic word: they read left to right, to the left of the word, and the caret
        // follows the last digit.
        Case(name: "ar word then digits", text: "عدد 15", caretCharacters: 6, width: 10, direction: .rightToLeft,
             row: "    15 \u{FEA9}\u{FEAA}\u{FECB}", caret: 6),
        // A French term alone in a right-to-left field keeps its order, right-aligned, caret after it.
        Case(name: "French term in an RTL field", text: "CAF", caretCharacters: 3, width: 8, direction: .rightToLeft,
             row: "     CAF", caret: 8),
        // Left-to-right languages are unchanged, left-aligned.
        Case(name: "fr", text: "bonjour", caretCharacters: 3, width: 10, direction: .leftToRight,
             row: "bonjour   ", caret: 3),
        // Longer than the field: the start of the line gives way, the caret stays in view.
        Case(name: "ar longer than the field", text: "واحد اثنان ثلاثة", caretCharacters: 16, width: 8,
             direction: .rightToLeft, row: "  \u{FE94}\u{FE9B}\u{FEFC}\u{FE9B} \u{FEE5}", caret: 2),
    ]

    @Test(arguments: cases)
    func visual(_ c: Case) {
        let caretUTF8 = String(c.text.prefix(c.caretCharacters)).utf8.count
        let line = TypedLine(c.text, caretUTF8: caretUTF8, width: c.width, direction: c.direction)
        #expect(line.row == c.row, "\(line.row.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(line.caret == c.caret)
        #expect(DisplayWidth.of(line.row) == c.width)
    }

    /// Whatever is typed, nothing unsafe reaches the terminal and the caret stays inside the field.
    @Test(arguments: ["\u{1B}[31mحمراء", "\u{202E}abc", String(repeating: "ب", count: 500), "a\u{0}b"])
    func hostile(_ text: String) {
        for caret in [0, text.utf8.count / 2, text.utf8.count] {
            let line = TypedLine(text, caretUTF8: caret, width: 20, direction: .rightToLeft)
            #expect(!line.row.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value < 0x20 })
            #expect((0...20).contains(line.caret))
            #expect(DisplayWidth.of(line.row) == 20)
        }
    }
}
