import Testing
@testable import AtelierTerminal

/// The keys of a PIN being typed, without a terminal: what is kept, what the screen shows (issue #18).
@Suite("Secret input")
struct SecretInputTests {
    static let cases: [(bytes: [UInt8], done: String?, mask: String)] = [
        (Array("2580\r".utf8), "2580", ""),
        (Array("2580".utf8), nil, "••••"),
        (Array("25".utf8) + [0x7F] + Array("80\n".utf8), "280", ""),
        (Array("99".utf8) + [0x15] + Array("12".utf8), nil, "••"),
        // Arrows and Ctrl-D do nothing; they never reach the PIN as text.
        (Array("1".utf8) + Array("\u{1B}[A\u{1B}[6~".utf8) + [0x04] + Array("2\r".utf8), "12", ""),
        // F1-F4 (`ESC O P` to `ESC O S`) and arrows in application mode (`ESC O A`) add nothing: a tester's F3
        // once added a hidden character and spent a try. Alt with a key, and OSC, add nothing either.
        (Array("22".utf8) + Array("\u{1B}OR".utf8) + Array("22\r".utf8), "2222", ""),
        (Array("\u{1B}OP\u{1B}OQ\u{1B}OS\u{1B}OA\u{1B}OD1".utf8), nil, "•"),
        (Array("1\u{1B}x2\u{1B}]0;title\u{07}3\u{1B}]0;t\u{1B}\\4".utf8), nil, "••••"),
        (Array("\u{1B}[15~\u{1B}[1;5A5".utf8), nil, "•"),
        // One mask symbol per character, whatever its script or byte length.
        (Array("٢٥".utf8), nil, "••"),
    ]

    @Test(arguments: cases)
    func keysMakeTheSecretAndTheScreenShowsOnlyMasks(bytes: [UInt8], done: String?, mask: String) {
        var secret = SecretInput()
        let result = secret.feed(bytes)
        #expect(result == done)
        #expect(secret.mask == mask)
        #expect(!secret.mask.contains { $0.isNumber })
    }

    @Test func aCharacterSplitAcrossTwoReadsIsOneCharacter() {
        var secret = SecretInput()
        let bytes = Array("٣".utf8)
        #expect(secret.feed(bytes.prefix(1)) == nil)
        #expect(secret.feed(bytes.dropFirst()) == nil)
        #expect(secret.text == "٣")
    }
}
