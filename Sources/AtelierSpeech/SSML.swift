import AtelierText

/// The SSML eSpeak NG reads: the participant's language, with `<voice xml:lang="fr">` around each French
/// segment. Measured with eSpeak NG 1.51: `xml:lang` switches the phonemes ("t'itr d@- seZ'ur"), `name="fr-fr"`
/// does not, and Latin text left bare inside Arabic is read with the English voice.
public enum SSML {
    public static func document(_ segments: [SpeechSegment], language: String) -> String {
        let main = SpeechVoice.espeakLanguage(for: language) ?? "fr"
        var out = "<speak xml:lang=\"\(main)\">"
        for segment in segments where segment.recording == nil {
            let text = escape(segment.text)
            guard !text.isEmpty else { continue }
            let voice = SpeechVoice.espeakLanguage(for: segment.language) ?? main
            out += voice == main ? text : "<voice xml:lang=\"\(voice)\">\(text)</voice>"
            out += " "
        }
        return out + "</speak>"
    }

    /// Lesson text as XML character data: no markup of an author's or a translator's reaches the synthesiser
    /// (a "<" in a sentence is a less-than sign), and no control character.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in TerminalSanitizer.sanitizeLine(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}
