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

@Suite("Layout of hostile input (fuzzer findings)")
struct HostileLayoutTests {
    // Each input is one that `make fuzz` once broke; the width is derived as the fuzzer does.
    static let inputs: [[UInt8]] = [
        // Broken emoji sequences (lone lead bytes, ZWJ chains), a C0 control and NULs.
        [0x28, 0xf0, 0x9f, 0x28, 0xf0, 0x9f, 0x91, 0xa8, 0xe2, 0x80, 0x8d, 0xf0, 0x9f, 0x91, 0xa9, 0xe2, 0x80, 0x8d,
         0xf0, 0x9f, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x9f, 0x82, 0xab, 0xf0, 0x87, 0xab, 0xf0, 0x9f],
        // Escapes, Arabic with a combining mark at width 3, invalid UTF-8, a tab.
        [0x01, 0x1b, 0x6f, 0x6e, 0x6a, 0x6f, 0x5b, 0x72, 0x20, 0x1b, 0x5b, 0xce, 0xca, 0x20, 0x72, 0x6f, 0x6f, 0x74,
         0xd8, 0xb3, 0xd9, 0x84, 0xd8, 0xa7, 0xd9, 0x9d, 0x57, 0x57, 0x57, 0x57, 0x57, 0x57, 0x85, 0x20, 0xd8, 0xb9,
         0xd9, 0x74, 0x43, 0x6c, 0x6f, 0x73, 0x65, 0x64, 0xd8, 0xb3, 0x83, 0xd9, 0x85, 0x20, 0xe4, 0xb8, 0x9f, 0x91,
         0x9d, 0xa0, 0xe2, 0x80, 0x20, 0xe2, 0xcc, 0x81, 0x0a, 0x09, 0xd8, 0xaa, 0xd8, 0xb3, 0xd8, 0xaa],
        // An emoji cluster ending in the Hangul tone mark U+302E (bidi class L) in a right-to-left line.
        [0x01, 0x1b, 0x6f, 0x6e, 0x6a, 0x6f, 0x28, 0xf0, 0x9f, 0x91, 0xa8, 0xe2, 0x80, 0x91, 0xa9, 0xe2, 0x80, 0x8d,
         0xf0, 0x9f, 0x91, 0x59, 0xfc, 0xff, 0xff, 0xff, 0x0f, 0x60, 0x73, 0xab, 0x91, 0xa8, 0xe2, 0x80, 0x91, 0xa9,
         0x3f, 0xe2, 0x80, 0x8d, 0xf0, 0x9f, 0x91, 0xa7, 0x03, 0x00, 0x00, 0x00, 0xf0, 0x9f, 0x28, 0xf0, 0x9f, 0x91,
         0xa8, 0x91, 0xa9, 0x80, 0xe2, 0xe2, 0x80, 0x8d, 0xf0, 0x9f, 0x91, 0xa7, 0x03, 0x00, 0x00, 0x00, 0xf0, 0x9f,
         0x87, 0xab, 0x91, 0x42, 0x75, 0x6c, 0x69, 0x6e, 0x65, 0x81, 0x0a, 0x09, 0xd8, 0xaa, 0x2b, 0x9f, 0x00, 0xf0,
         0x9f, 0x87, 0xab, 0xf0, 0x9f, 0x28, 0x42, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe0, 0xae, 0x00, 0x36,
         0x00, 0x00, 0x83, 0x80, 0x85, 0x83, 0x20, 0xe2, 0x80, 0x91, 0xa9, 0x3f, 0xe2, 0x80, 0x8d, 0xf0, 0x9f, 0x91,
         0xa7, 0x03, 0x00, 0x00, 0x00, 0xf0, 0x9f, 0x28, 0xf0, 0x9f, 0x91, 0xa8, 0x91, 0xa9, 0x80, 0xe2, 0xe2, 0x80,
         0x8d, 0xf0, 0x9f, 0x91, 0xa7, 0x03, 0xe3, 0x80, 0xae, 0x02, 0x02, 0x01, 0x83, 0x20, 0xe3, 0x80, 0xae, 0x02,
         0x02, 0x5d, 0x83, 0x20, 0xe3, 0x80, 0xae, 0xe3, 0x80, 0xae, 0x02, 0x02, 0x5d, 0x83, 0x20, 0xe3, 0x80, 0xae],
        // Alef + U+065D beside a lam-alef ligature: ICU shapes U+065C-065F into ligatures.
        [0x28, 0x9c, 0x6f, 0xa7, 0xd9, 0x84, 0xd8, 0xb3, 0xd9, 0x84, 0xd8, 0xa7, 0xd9, 0x85, 0x20, 0xd8, 0xb9, 0x60,
         0x28, 0xf0, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f,
         0x2f, 0x2f, 0x01, 0x00, 0x00, 0x0d, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f, 0x2f,
         0x9f, 0x91, 0x9d, 0xa8, 0xe2, 0xfe, 0xff, 0xff, 0xff, 0x91, 0x2c, 0x30, 0xa7, 0xd9, 0x84, 0xd8, 0xb3, 0xd9,
         0x84, 0xd8, 0xa7, 0xd9, 0x85, 0x20, 0xd8, 0xb9, 0xd9, 0x9d, 0xa8, 0xe2, 0xfe, 0x65, 0xcc, 0x81, 0xcc, 0x81,
         0xcc, 0x81, 0x0a, 0x09, 0xd8, 0xaa, 0xd8, 0xb3, 0xd8, 0xb0, 0xaa],
    ]

    @Test(arguments: inputs)
    func everyRowFitsAndCarriesNoEscape(bytes: [UInt8]) {
        Self.checkPromises(bytes)
    }

    /// The short variant of `make fuzz`: seeded random splices of the pieces the fuzzer found
    /// trouble with (emoji glue, rare Arabic marks, L-class marks, escapes, broken UTF-8) and real sentences.
    @Test func seededSplicesKeepTheLayoutPromises() {
        let pieces: [[UInt8]] = [
            "👨‍👩‍👧", "👋🏽", "\u{200D}", "\u{200C}", "\u{302E}", "ل", "ا", "لا", "\u{065D}", "\u{065C}", "\u{0670}",
            "\u{064E}", "\u{0301}", "\u{1B}[31m", "\u{1B}]8;;x\u{07}", "\u{9B}", "\u{202E}", "\u{200F}", "(", ")",
            " ", "\n", "\t", "你好，", "ሰላም", "தமிழ்", "W", "0",
        ].map { Array($0.utf8) } + Samples.paragraphs.values.map { Array($0.utf8) } + [[0xF0, 0x9F], [0xE2, 0x80], [0x80]]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<5000 {
            let count = Int.random(in: 1...24, using: &generator)
            let bytes = [UInt8.random(in: 0...255, using: &generator)]
                + (0..<count).flatMap { _ in pieces.randomElement(using: &generator)! }
            Self.checkPromises(bytes)
        }
    }

    /// What the fuzz target checks, with the logical rows in the message to make a failure readable.
    static func checkPromises(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let width = 2 + Int(bytes.first ?? 0) % 80
        let direction = ParagraphDirection.firstStrong(fallback: .rightToLeft)
        for row in TextLayout(width: width, direction: direction).lines(text) {
            let escape = row.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) }
            #expect(!escape, "\(bytes)")
            #expect(DisplayWidth.of(row) <= width, """
                width \(width), row \(row.unicodeScalars.map { String($0.value, radix: 16) }), logical rows \(
                    TextLayout(width: width, direction: direction, bidi: .terminal).lines(text)
                        .map { $0.unicodeScalars.map { String($0.value, radix: 16) } })
                """)
        }
    }
}
