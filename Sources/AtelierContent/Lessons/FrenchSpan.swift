/// A span of lesson text kept in French in every language: `{fr:titre de séjour}`. Participants meet these
/// words on real forms and at the counter, so translations keep them as written (and explain them in their
/// language the first time); the kiosk shows the words without the marks, and read-aloud can say them with
/// the French voice. Glossary terms are kept in French too, without marks.
public struct FrenchSpan: Sendable, Equatable {
    /// The French words, without the marks.
    public var text: String
    /// The span as written, marks included.
    public var range: Range<String.Index>

    static let opening = "{fr:"

    /// Every `{fr:…}` of a text, in order; an unclosed one is not a span (see `unclosed`).
    public static func all(in text: String) -> [FrenchSpan] {
        var found: [FrenchSpan] = []
        var searchFrom = text.startIndex
        while let open = ASCIISearch.firstRange(of: opening, in: text, from: searchFrom) {
            guard let close = text[open.upperBound...].firstIndex(where: { $0 == "}" || $0 == "{" }), text[close] == "}" else {
                searchFrom = open.upperBound
                continue
            }
            let words = text[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
            let end = text.index(after: close)
            if !words.isEmpty { found.append(FrenchSpan(text: words, range: open.lowerBound..<end)) }
            searchFrom = end
        }
        return found
    }

    /// The words of every span, in order (what a translation must keep, as many times).
    public static func words(in text: String) -> [String] { all(in: text).map(\.text) }

    /// The text as a participant reads it: the marks gone, the French words left.
    public static func plain(_ text: String) -> String {
        guard ASCIISearch.firstRange(of: opening, in: text, from: text.startIndex) != nil else { return text }
        var result = ""
        var last = text.startIndex
        for span in all(in: text) {
            result += text[last..<span.range.lowerBound]
            result += span.text
            last = span.range.upperBound
        }
        result += text[last...]
        return result
    }

    /// Where a `{fr:` is left open (or empty): the offset in Unicode scalars from the start of the text.
    public static func unclosed(in text: String) -> Int? {
        var searchFrom = text.startIndex
        while let open = ASCIISearch.firstRange(of: opening, in: text, from: searchFrom) {
            guard let close = text[open.upperBound...].firstIndex(where: { $0 == "}" || $0 == "{" }), text[close] == "}",
                  !text[open.upperBound..<close].trimmingCharacters(in: .whitespaces).isEmpty else {
                return text.unicodeScalars.distance(from: text.startIndex, to: open.lowerBound)
            }
            searchFrom = text.index(after: close)
        }
        return nil
    }
}
