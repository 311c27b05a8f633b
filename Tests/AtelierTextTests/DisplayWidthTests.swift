import Testing
@testable import AtelierText

@Suite("Display width")
struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3),
        ("é", 1),
        ("e\u{301}", 1),
        ("Привет", 6),
        ("ığüşöç", 6),
        ("中文", 4),
        ("ＡＢ", 4),
        ("한국어", 6),
        ("\u{1100}\u{1161}\u{11A8}", 2),
        ("ትግርኛ", 4),
        ("தமிழ்", 4),
        ("বাংলা", 5),
        ("العربية", 7),
        ("مُحَمَّد", 4),
        ("می‌خواهم", 7),
        ("👍", 2),
        ("👍🏽", 2),
        ("🇫🇷", 2),
        ("👨‍👩‍👧", 2),
        ("❤️", 2),
        ("❤", 1),
        ("1️⃣", 2),
        ("\u{200B}", 0),
        ("a\u{200D}b", 2),
        ("a\u{200C}b", 2),
        ("\u{AD}", 0),
    ])
    func width(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test func clustersNeverSplitACombiningSequence() {
        let clusters = GraphemeClusters(of: "e\u{301}a\u{308}\u{323}க்ஷ")
        #expect(clusters.boundaries == [0, 2, 5, 7, 8])
        #expect(clusters.widths == [1, 1, 1, 1])
    }

    @Test(arguments: [
        ("Bonjour à tous", 10, "Bonjour à…"),
        ("中文中文中文", 5, "中文…"),
        ("short", 10, "short"),
    ])
    func truncation(text: String, columns: Int, expected: String) {
        #expect(DisplayWidth.truncate(text, to: columns) == expected)
        #expect(DisplayWidth.of(DisplayWidth.truncate(text, to: columns)) <= columns)
    }
}
