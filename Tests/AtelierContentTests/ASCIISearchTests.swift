import Testing
@testable import AtelierContent

/// The byte search that finds `{fact.` and `{fr:` must find what the text's own search finds, in every script.
struct ASCIISearchTests {
    @Test(arguments: [
        ("", "{fr:", nil),
        ("{fr:", "{fr:", 0),
        ("a {fr:titre} b", "{fr:", 2),
        ("{f{fr:x}", "{fr:", 2),
        ("{fact", "{fact.", nil),
        ("غرامة {fact.amende} يورو", "{fact.", 6),
        ("ክፍሊት {fact.x}", "{fact.", 5),
        ("费用{fact.x}元", "{fact.", 2),
        ("é\u{301}{fr:mot}", "{fr:", 1),
        ("👩🏽‍🔧 {fr:SCOP}", "{fr:", 2),
        // A combining mark right after the marker joins its last character: the byte search still sees the marker
        // (the Character search does not); what follows is then no fact id and no word, so nothing is made of it.
        ("{fr:\u{301}x}", "{fr:", 0),
    ] as [(String, String, Int?)])
    func findsTheMarker(text: String, marker: String, characters: Int?) {
        let found = ASCIISearch.firstRange(of: marker, in: text, from: text.startIndex)
        #expect(found.map { text.distance(from: text.startIndex, to: $0.lowerBound) } == characters)
        if let found { #expect(String(text[found]) == marker) }
    }

    /// Against the standard library's search, from every starting point, on texts built from pieces of several
    /// scripts (no combining mark: after a marker it would make the two differ, as the table shows).
    @Test func agreesWithTheStandardLibrary() {
        let pieces = ["{fr:", "{fact.", "{", "fr", ":", "x}", "ما ", "ሰላም", "中", "é", " ", "{fa", "ct."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for marker in ["{fr:", "{fact."] {
                var index = text.startIndex
                while true {
                    let expected = text[index...].firstRange(of: marker)
                    let found = ASCIISearch.firstRange(of: marker, in: text, from: index)
                    #expect(found == expected, "\(text.debugDescription) \(marker)")
                    guard index < text.endIndex else { break }
                    index = text.index(after: index)
                }
            }
        }
    }
}
