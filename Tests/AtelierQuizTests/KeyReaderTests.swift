@testable import AtelierQuiz
import Testing

/// The projector's keys arrive as bytes: a name typed for `k` may be in any script, and a read may end in the
/// middle of a character.
@Suite struct KeyReaderTests {
    @Test(arguments: [
        ([0x6B, 0x0D], ["k", "\r"], []),
        (Array("小明".utf8), ["小", "明"], []),
        (Array("عا".utf8), ["ع", "ا"], []),
        (Array("ሰ".utf8).dropLast().map { $0 }, [], Array("ሰ".utf8).dropLast().map { $0 }),  // the rest comes with the next read
        ([0xFF, 0x41], ["\u{FFFD}", "A"], []),
        ([0xC0, 0x80], ["\u{FFFD}", "\u{FFFD}"], []),
        ([0xE1, 0x41, 0x42], ["\u{FFFD}", "A", "B"], []),  // a broken start does not swallow the keys after it
    ] as [([UInt8], [Character], [UInt8])])
    func bytesBecomeKeys(bytes: [UInt8], keys: [Character], rest: [UInt8]) {
        let decoded = KeyReader.decode(bytes)
        #expect(decoded.keys == keys)
        #expect(decoded.rest == rest)
    }

    @Test func aCharacterSplitAcrossReadsIsWhole() {
        let bytes = Array("ሰላም".utf8)
        let first = KeyReader.decode(Array(bytes.prefix(4)))
        let second = KeyReader.decode(first.rest + bytes.dropFirst(4))
        #expect(String(first.keys + second.keys) == "ሰላም" && second.rest.isEmpty)
    }
}
