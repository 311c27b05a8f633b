import AtelierContent

/// A text of the participant's language cut into segments to read: the words kept in French (`{fr:…}` spans
/// and the module's glossary terms) with the French voice, the rest with the language's own.
public enum SpeechScript {
    /// `text` still holds its `{fr:…}` marks (LessonText.spokenText); `frenchTerms` are glossary terms.
    public static func segments(_ text: String, language: String, frenchTerms: [String] = []) -> [SpeechSegment] {
        guard language != "fr" else { return [SpeechSegment(FrenchSpan.plain(text), language: "fr")] }
        // Each French stretch: the marked spans, then the glossary terms found in what is left (longest first,
        // so that "titre de séjour" wins over "titre").
        var pieces: [(String, Bool)] = []
        var last = text.startIndex
        for span in FrenchSpan.all(in: text) {
            pieces.append((String(text[last..<span.range.lowerBound]), false))
            pieces.append((span.text, true))
            last = span.range.upperBound
        }
        pieces.append((String(text[last...]), false))
        for term in frenchTerms.sorted(by: { $0.count > $1.count }) where !term.isEmpty {
            pieces = pieces.flatMap { piece, french -> [(String, Bool)] in
                guard !french else { return [(piece, true)] }
                var result: [(String, Bool)] = []
                var rest = Substring(piece)
                while let found = rest.range(of: term, options: [.caseInsensitive]) {
                    result.append((String(rest[..<found.lowerBound]), false))
                    result.append((String(rest[found]), true))
                    rest = rest[found.upperBound...]
                }
                result.append((String(rest), false))
                return result
            }
        }
        var segments: [SpeechSegment] = []
        for (piece, french) in pieces where !piece.trimmingCharacters(in: .whitespaces).isEmpty {
            let code = french ? "fr" : language
            if let previous = segments.last, previous.language == code {
                segments[segments.count - 1].text += piece
            } else {
                segments.append(SpeechSegment(piece, language: code))
            }
        }
        return segments
    }
}
