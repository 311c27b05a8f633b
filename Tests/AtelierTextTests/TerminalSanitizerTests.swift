import Testing
@testable import AtelierText

@Suite("Terminal sanitiser")
struct TerminalSanitizerTests {
    @Test(arguments: [
        ("clear screen", "a\u{1B}[2Jb", "ab"),
        ("colour", "\u{1B}[31;1mred\u{1B}[0m", "red"),
        ("OSC 52 clipboard write", "x\u{1B}]52;c;SGVsbG8=\u{07}y", "xy"),
        ("OSC 8 link", "\u{1B}]8;;http://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "click"),
        ("window title, unterminated, stops at the line end", "a\u{1B}]0;title\nb", "a\nb"),
        ("8-bit C1 CSI", "a\u{9B}2Jb", "ab"),
        ("8-bit C1 OSC", "a\u{9D}52;c;AAAA\u{9C}b", "ab"),
        ("charset switch", "a\u{1B}(Bb", "ab"),
        ("DCS", "a\u{1B}Pq#0;2;0;0;0\u{1B}\\b", "ab"),
        ("NUL, BEL, BS, DEL", "a\u{0}b\u{7}c\u{8}d\u{7F}e", "abcde"),
        ("right-to-left override", "abc\u{202E}fed", "abcfed"),
        ("isolates and embeddings", "\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{202A}d\u{202B}e\u{202C}\u{202D}", "abcde"),
        ("byte-order mark", "\u{FEFF}abc", "abc"),
        ("tab to the next stop of 8", "a\tb\tc", "a       b       c"),
        ("CR LF and lone CR", "a\r\nb\rc", "a\nb\nc"),
        ("line and paragraph separators", "a\u{2028}b\u{2029}c", "a\nb\nc"),
        ("noncharacter", "a\u{FFFE}b", "a\u{FFFD}b"),
        ("Zalgo marks capped at 16", "a" + String(repeating: "\u{301}", count: 30),
         "a" + String(repeating: "\u{301}", count: 16)),
    ])
    func removes(name: String, hostile: String, expected: String) {
        #expect(TerminalSanitizer.sanitize(hostile) == expected, "\(name)")
    }

    @Test(arguments: Array(Samples.paragraphs.values) + ["می‌خواهم", "👨‍👩‍👧 🇫🇷", "Bonjour\nà tous"])
    func leavesOrdinaryTextAlone(text: String) {
        #expect(TerminalSanitizer.sanitize(text) == text)
    }

    @Test func aSingleLineNeverBreaks() {
        #expect(TerminalSanitizer.sanitizeLine("Ami\nna\u{1B}[2J") == "Ami na")
    }

    @Test func nothingThatStartsASequenceSurvivesRandomBytes() {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [Unicode.Scalar] = ["\u{1B}", "[", "]", "\u{9B}", "\u{9D}", "\u{7}", "\u{9C}", "\\", "P",
                                          "a", "ب", "中", "\u{202E}", "\n", "\r", "\t", "0", ";", "\u{0}", "\u{85}"]
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text.append(alphabet.randomElement(using: &generator)!)
            }
            let clean = TerminalSanitizer.sanitize(String(text))
            let forbidden = clean.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}"
            }
            #expect(forbidden.isEmpty, "\(String(text).debugDescription) -> \(clean.debugDescription)")
        }
    }
}
