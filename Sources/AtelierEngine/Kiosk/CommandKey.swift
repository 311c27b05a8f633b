import AtelierText

/// The kiosk's one-character commands, as a participant may type them on another keyboard: a fullwidth "＋"
/// or "０" (Chinese input), the Arabic question mark "؟", a zero in Arabic-Indic or Persian digits. Each is
/// the same command as its ASCII key.
public enum CommandKey {
    static let keys: Set<String> = ["?", "<", ">", "+", "=", "0", "*", "l", "-"]
    /// "l" is the listen key (read the screen aloud): L, l, a fullwidth Ｌ, or the loudspeaker sign. "-" opens the
    /// read-aloud setting from the catalogue: the hyphen-minus is unshifted on AZERTY, QWERTY and Arabic keyboards
    /// and on the numeric keypad; a minus sign, a hyphen or an en dash (a phone keyboard, an input method) is the
    /// same key.
    static let equivalents: [Character: Character] = ["؟": "?", "⸮": "?", "‹": "<", "›": ">", "«": "<", "»": ">", "×": "*",
                                                      "🔊": "l", "🔉": "l", "🔈": "l", "−": "-", "‐": "-", "–": "-"]

    /// The ASCII command a typed line stands for, or nil when it is not a command (an answer keeps its text).
    public static func command(_ line: String) -> String? {
        let trimmed = line.unicodeScalars.filter { !$0.properties.isWhitespace }
        guard trimmed.count >= 1 else { return nil }
        // NFKC with case folding: fullwidth forms become their ASCII keys.
        let folded = Folding.fold(String(String.UnicodeScalarView(trimmed)))
        guard folded.count == 1, let character = folded.first else { return nil }
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
           scalar.properties.numericType == .decimal, scalar.properties.numericValue == 0 {
            return "0"
        }
        let key = String(equivalents[character] ?? character)
        return keys.contains(key) ? key : nil
    }
}
