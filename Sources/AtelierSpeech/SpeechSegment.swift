/// A stretch of text to read with one voice: the participant's language, or French for the words kept in
/// French ("titre de séjour" inside an Arabic sentence is read with French sounds). Or a person's recording of
/// a text, played instead of synthesis: how languages no voice reads (Pashto, Tigrinya) get sound.
public struct SpeechSegment: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    /// A language code of the registry ("ar", "prs", "fr"...).
    public var language: String
    /// The path of a recording (WAV, Ogg/Opus, FLAC) played instead of reading `text`.
    public var recording: String?

    public init(_ text: String, language: String) {
        self.text = text
        self.language = language
    }

    /// A recording of `text` in `language`.
    public init(recording path: String, of text: String, language: String) {
        self.text = text
        self.language = language
        self.recording = path
    }

    public var description: String { recording == nil ? "[\(language)] \(text)" : "[\(language) recording] \(text)" }
}
