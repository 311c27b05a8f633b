import Testing
@testable import AtelierText

/// `String(utf16Units:)` goes through UTF-8 (issue #24: the standard library's UTF-16 decoding cost the kiosk's start
/// its generic slow path); it must give what `String(decoding:as: UTF16.self)` gives, lone surrogates included.
@Suite("Strings from ICU's UTF-16")
struct UTF16BufferTests {
    static let cases: [[UInt16]] = [
        [], Array("Atelier".utf16), Array("récépissé".utf16), Array("الإيصال يثبت".utf16), Array("ትግርኛ".utf16),
        Array("回执证明".utf16), Array("👩🏽‍🍳 ok".utf16),
        [0xD83D], [0xDE00], [0x41, 0xD83D, 0x42], [0xDE00, 0xD83D], [0xD83D, 0xD83D, 0xDE00], [0xFFFF, 0xFEFF, 0x0000],
    ]

    @Test(arguments: cases)
    func decodesAsTheStandardLibraryDoes(_ units: [UInt16]) {
        #expect(String(utf16Units: units) == String(decoding: units, as: UTF16.self))
        #expect(String(utf16Units: units[...]) == String(decoding: units, as: UTF16.self))
        #expect(units.withUnsafeBufferPointer { String(utf16Units: $0) } == String(decoding: units, as: UTF16.self))
    }
}
