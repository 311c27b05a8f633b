/// A stretch of text to read with one voice: the participant's language, or French for the words kept in
/// French ("titre de séjour" inside an Arabic sentence is read with French sounds).
public struct SpeechSegment: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    /// A language code of the registry ("ar", "prs", "fr"...).
    public var language: String

    public init(_ text: String, language: String) {
        self.text = text
        self.language = language
    }

    public var description: String { "[\(language)] \(text)" }
}
