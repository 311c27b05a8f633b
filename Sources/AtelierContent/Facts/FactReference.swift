/// A `{fact.ID}` written in a lesson text: the id and where it stands (in Unicode scalars from the start of
/// the text, for diagnostics).
public struct FactReference: Sendable, Equatable {
    public var id: String
    /// The reference as written, braces included.
    public var range: Range<String.Index>

    static let opening = "{fact."

    /// Every `{fact.ID}` of a text, in order. Anything else in braces is not a fact reference.
    /// Searched on the UTF-8 bytes (`ASCIISearch`): the text's own search was a fifth of the quiz host's start-up.
    public static func all(in text: String) -> [FactReference] {
        var found: [FactReference] = []
        var searchFrom = text.startIndex
        while let open = ASCIISearch.firstRange(of: opening, in: text, from: searchFrom) {
            var cursor = open.upperBound
            while cursor < text.endIndex, isIDCharacter(text[cursor]) { cursor = text.index(after: cursor) }
            if cursor < text.endIndex, text[cursor] == "}", cursor > open.upperBound {
                let end = text.index(after: cursor)
                found.append(FactReference(id: String(text[open.upperBound..<cursor]), range: open.lowerBound..<end))
                searchFrom = end
            } else {
                searchFrom = open.upperBound
            }
        }
        return found
    }

    /// The ids referred to, as a set (what a translation must keep).
    public static func ids(in text: String) -> Set<String> { Set(all(in: text).map(\.id)) }

    /// The text with every reference replaced.
    public static func replacing(in text: String, _ replacement: (String) -> String) -> String {
        let references = all(in: text)
        guard !references.isEmpty else { return text }
        var result = ""
        var last = text.startIndex
        for reference in references {
            result += text[last..<reference.range.lowerBound]
            result += replacement(reference.id)
            last = reference.range.upperBound
        }
        result += text[last...]
        return result
    }

    static func isIDCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber || c == "-")
    }
}
