import Testing
@testable import AtelierText

@Suite("Right-to-left layout")
struct BidiTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let width: Int
        let direction: ParagraphDirection
        let rows: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // مرحبا بكم: shaped (initial, medial, final forms) then reversed, right-aligned in 12 columns.
        Case(name: "ar shaped, reversed, right-aligned", text: "مرحبا بكم", width: 12,
             direction: .firstStrong(fallback: .leftToRight),
             rows: ["   \u{FEE2}\u{FEDC}\u{FE91} \u{FE8E}\u{FE92}\u{FEA3}\u{FEAE}\u{FEE3}"]),
        // Brackets are mirrored: the opening one is drawn on the right, facing left.
        Case(name: "ar mirrored brackets", text: "(نعم)", width: 10, direction: .forced(.rightToLeft),
             rows: ["     (\u{FEE2}\u{FECC}\u{FEE7})"]),
        // A French term at the start of a Dari paragraph: the language forces right-to-left, so the
        // Latin run goes to the left end; lam + alef become one ligature.
        Case(name: "prs forced direction with a French term", text: "سلام CAF", width: 10,
             direction: .forced(.rightToLeft), rows: ["   CAF \u{FEE1}\u{FEFC}\u{FEB3}"]),
        // An Arabic word inside a French sentence is reordered within a left-to-right line.
        Case(name: "fr with an Arabic word", text: "Le mot سلام veut dire paix", width: 40,
             direction: .firstStrong(fallback: .leftToRight),
             rows: ["Le mot \u{FEE1}\u{FEFC}\u{FEB3} veut dire paix"]),
        // پښتو: ښ has no presentation forms in Unicode, so it stays as it is (never replaced by a look-alike);
        // its neighbours are still joined to it: پ initial, ت medial, و final.
        Case(name: "ps letter without joined forms", text: "پښتو", width: 4, direction: .forced(.rightToLeft),
             rows: ["\u{FEEE}\u{FE98}\u{069A}\u{FB58}"]),
        // Wrapping happens in logical order: the first words come on the first row.
        Case(name: "ar wraps in logical order", text: "واحد اثنان ثلاثة", width: 10,
             direction: .forced(.rightToLeft),
             rows: ["\u{FEE5}\u{FE8E}\u{FEE8}\u{FE9B}\u{FE8D} \u{FEAA}\u{FEA3}\u{FE8D}\u{FEED}",
                    "      \u{FE94}\u{FE9B}\u{FEFC}\u{FE9B}"]),
    ]

    @Test(arguments: cases)
    func appMode(_ c: Case) {
        let rows = TextLayout(width: c.width, direction: c.direction, bidi: .app).lines(c.text)
        #expect(rows == c.rows, "\(rows.map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
    }

    @Test func terminalModeLeavesOrderAndShapingToTheTerminal() {
        let rows = TextLayout(width: 12, direction: .forced(.rightToLeft), bidi: .terminal).lines("مرحبا بكم")
        #expect(rows == ["مرحبا بكم"])
    }

    @Test func pashtoLettersWithoutPresentationFormsSurvive() {
        let rows = TextLayout(width: 10, direction: .forced(.rightToLeft), bidi: .app).lines("پښتو")
        #expect(rows.count == 1)
        #expect(rows[0].unicodeScalars.contains("\u{069A}"))
        #expect(rows[0].hasPrefix("      "))
        #expect(DisplayWidth.of(rows[0]) == 10)
    }

    @Test(arguments: ["ar", "prs", "ps"])
    func everyRightToLeftRowIsRightAligned(language: String) {
        let rows = TextLayout(width: 24, direction: .forced(.rightToLeft)).lines(Samples.paragraphs[language]!)
        #expect(rows.count > 1)
        for row in rows {
            #expect(DisplayWidth.of(row) == 24, "«\(row)»")
        }
    }

    @Test func paragraphDirectionComesFromTheFirstStrongCharacter() {
        let auto = ParagraphDirection.firstStrong(fallback: .leftToRight)
        #expect(TextLayout(width: 8, direction: auto).lines("نعم")[0].hasPrefix("     "))
        #expect(TextLayout(width: 8, direction: auto).lines("123 abc") == ["123 abc"])
        let fallbackRTL = ParagraphDirection.firstStrong(fallback: .rightToLeft)
        #expect(TextLayout(width: 8, direction: fallbackRTL).lines("123") == ["     123"])
    }
}

@Suite("Shaping and width")
struct ShapingWidthTests {
    @Test(arguments: ["مُحَمَّدٌ رَسُولٌ", "كِتَابًا جَمِيلًا", "شُكْرًا جَزِيلًا لَكُم"])
    func harakatStayMarksAfterShaping(text: String) {
        let rows = TextLayout(width: 30, direction: .forced(.rightToLeft)).lines(text)
        #expect(rows.count == 1)
        #expect(DisplayWidth.of(rows[0]) == 30, "«\(rows[0])»")
        #expect(!rows[0].unicodeScalars.contains { (0xFE70...0xFE7E).contains($0.value) && $0.value % 2 == 0 })
        // A terminal puts a mark on the cell before it: in visual order each haraka follows its letter.
        let scalars = Array(rows[0].unicodeScalars)
        for (k, scalar) in scalars.enumerated() where (0x064B...0x0652).contains(scalar.value) {
            let base = scalars[..<k].last { !(0x064B...0x0652).contains($0.value) }
            #expect(base != nil && base != " ", "haraka \(k) of «\(rows[0])» has no letter before it")
        }
    }

    @Test(arguments: ["مرحبا 👨‍👩‍👧 بكم", "سلام 👋🏽 دوست", "ሰላም 👩‍💻", "👨‍👩‍👧"])
    func emojiSequencesStayWholeInRightToLeftRuns(text: String) {
        let rows = TextLayout(width: 30, direction: .forced(.rightToLeft)).lines(text)
        #expect(rows.count == 1)
        #expect(DisplayWidth.of(rows[0]) == 30, "«\(rows[0])»")
        for emoji in text.split(separator: " ") where emoji.unicodeScalars.first!.properties.isEmojiPresentation {
            #expect(rows[0].contains(emoji), "«\(rows[0])» lost \(emoji)")
        }
    }
}
