import Testing
@testable import AtelierText

@Suite("Wrapping (left-to-right and unidirectional scripts)")
struct WrappingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let language: String
        let text: String
        let width: Int
        let rows: [String]
        var testDescription: String { "\(language) at \(width)" }
    }

    static let cases: [Case] = [
        Case(language: "fr", text: "Bonjour à tous, voici un texte.", width: 10,
             rows: ["Bonjour à", "tous,", "voici un", "texte."]),
        Case(language: "fr", text: "Anticonstitutionnellement", width: 10,
             rows: ["Anticonsti", "tutionnell", "ement"]),
        Case(language: "en", text: "well-known facts", width: 6, rows: ["well-", "known", "facts"]),
        Case(language: "en", text: "trailing spaces    ", width: 20, rows: ["trailing spaces"]),
        Case(language: "en", text: "a\nb", width: 5, rows: ["a", "b"]),
        Case(language: "en", text: "a\n\nb", width: 5, rows: ["a", "", "b"]),
        Case(language: "en", text: "a\r\nb\rc", width: 5, rows: ["a", "b", "c"]),
        Case(language: "en", text: "", width: 5, rows: []),
        Case(language: "zh", text: "你好世界和平", width: 5, rows: ["你好", "世界", "和平"]),
        // No line may begin with the ideographic comma or full stop (UAX #14 class CL).
        Case(language: "zh", text: "你好，世界。", width: 4, rows: ["你", "好，", "世", "界。"]),
        Case(language: "ti", text: "ሰላም ንኹሉ", width: 4, rows: ["ሰላም", "ንኹሉ"]),
        Case(language: "am", text: "ሰላም ለዓለም", width: 3, rows: ["ሰላም", "ለዓለ", "ም"]),
        Case(language: "ta", text: "தமிழ் மொழி", width: 5, rows: ["தமிழ்", "மொழி"]),
        Case(language: "bn", text: "আমার সোনার বাংলা", width: 6, rows: ["আমার", "সোনার", "বাংলা"]),
        Case(language: "ru", text: "Привет, как дела?", width: 8, rows: ["Привет,", "как", "дела?"]),
        Case(language: "uk", text: "Добрий день, друзі", width: 12, rows: ["Добрий день,", "друзі"]),
        Case(language: "tr", text: "Merhaba dünya, nasılsın?", width: 14, rows: ["Merhaba dünya,", "nasılsın?"]),
        Case(language: "fr", text: "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", width: 4,
             rows: ["e\u{301}e\u{301}e\u{301}e\u{301}", "e\u{301}e\u{301}"]),
        Case(language: "zh", text: "中中中", width: 1, rows: ["\u{FFFD}", "\u{FFFD}", "\u{FFFD}"]),
    ]

    @Test(arguments: cases)
    func wraps(_ c: Case) {
        let layout = TextLayout(width: c.width, direction: .forced(.leftToRight))
        #expect(layout.lines(c.text) == c.rows)
    }

    @Test(arguments: Array(Samples.paragraphs.keys.sorted()))
    func noRowIsWiderThanTheWidth(language: String) {
        let text = Samples.paragraphs[language]!
        for width in [2, 3, 5, 8, 13, 21, 40, 80] {
            for bidi in BidiMode.allCases {
                let rows = TextLayout(width: width, bidi: bidi).lines(text)
                #expect(!rows.isEmpty)
                for row in rows {
                    #expect(DisplayWidth.of(row) <= width, "\(language) width \(width) \(bidi): «\(row)»")
                }
            }
        }
    }

    @Test func wrappingKeepsEveryCharacterOfLeftToRightText() {
        var generator = SeededGenerator(seed: 42)
        let words = Samples.paragraphs.filter { !["ar", "prs", "ps"].contains($0.key) }
            .values.flatMap { $0.split(separator: " ").map(String.init) }
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 1...30, using: &generator))
                .map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            // From 4 columns up every cluster fits (the widest real ones take 3: a Bengali conjunct with its vowel).
            let width = Int.random(in: 4...50, using: &generator)
            let rows = TextLayout(width: width, direction: .forced(.leftToRight)).lines(text)
            #expect(rows.joined().filter { $0 != " " } == text.filter { $0 != " " }, "width \(width): \(text)")
            #expect(rows.allSatisfy { DisplayWidth.of($0) <= width })
        }
    }

    @Test func aLongParagraphIsLaidOutWindowByWindowLikeAShortOne() {
        let sentence = Samples.paragraphs.keys.sorted().map { Samples.paragraphs[$0]! }.joined(separator: " ")
        let text = Array(repeating: sentence, count: 40).joined(separator: " ")
        let small = LayoutStream(width: 37, direction: .forced(.leftToRight), bidi: .terminal, window: 512)
        let large = LayoutStream(width: 37, direction: .forced(.leftToRight), bidi: .terminal, window: 1 << 22)
        var smallRows: [String] = []
        var largeRows: [String] = []
        let units = TerminalSanitizer.sanitize(units: text.utf16Units)
        units.withUnsafeBufferPointer { buffer in
            small.feed(buffer) { smallRows.append(String(utf16Units: $0)) }
            large.feed(buffer) { largeRows.append(String(utf16Units: $0)) }
        }
        small.finish { smallRows.append(String(utf16Units: $0)) }
        large.finish { largeRows.append(String(utf16Units: $0)) }
        #expect(smallRows.count > 100)
        #expect(smallRows == largeRows)
    }
}
