/// Which eSpeak NG voice reads which language of the registry. eSpeak NG 1.51 (Debian 12) has voices for
/// these; it has none for Pashto or Tigrinya, and those are never read with a neighbour's voice (a Persian
/// voice reading Pashto, an Amharic one reading Tigrinya): the kiosk says so and offers the French reading.
public enum SpeechVoice {
    static let voices: [String: String] = [
        "fr": "fr", "en": "en", "ar": "ar", "prs": "fa", "bn": "bn", "ta": "ta", "uk": "uk", "ru": "ru",
        "es": "es", "pt": "pt", "tr": "tr", "zh": "cmn",
    ]

    /// eSpeak NG's language for a registry code, or nil when none may read it.
    public static func espeakLanguage(for code: String) -> String? { voices[code] }
}
