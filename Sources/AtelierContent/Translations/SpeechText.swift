/// A read-aloud text: what a translator gives the voice instead of the displayed text, in a PO entry of its
/// own whose context is the displayed text's with `/speech` after it (`intro/body/speech`, `privacy.body/speech`)
/// and whose msgid is the same French.
///
/// Why: eSpeak NG reads unvocalised Arabic poorly ("يجب" comes out as the consonants "jdZb"); the same
/// sentence with its vowel marks is read right. The marks are the only difference allowed: with them removed,
/// the read-aloud text must be the displayed text, or a participant would hear something other than what the
/// screen says (`atelier lint` refuses it, and no loader uses it).
public enum SpeechText {
    static let suffix = "/speech"

    /// The context of the displayed text a read-aloud context belongs to, or nil for any other context.
    public static func base(of context: String) -> String? {
        guard context.hasSuffix(suffix), context.count > suffix.count else { return nil }
        return String(context.dropLast(suffix.count))
    }

    /// The read-aloud context of a displayed text's context.
    public static func context(of base: String) -> String { base + suffix }

    /// The text without its combining marks (Unicode's nonspacing marks: Arabic harakat, shadda, sukun,
    /// tanwin, the dagger alif; Hebrew points; Indic virama), the comparison lint makes.
    public static func withoutMarks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Where the read-aloud text first differs from the displayed one once marks are removed: the offset in
    /// UTF-16 units into `spoken` (for a file:line:column), or nil when they agree.
    public static func firstDifference(spoken: String, shown: String) -> Int? {
        let target = Array(withoutMarks(shown).unicodeScalars)
        var index = 0, offset = 0
        for scalar in spoken.unicodeScalars {
            if scalar.properties.generalCategory != .nonspacingMark {
                if index >= target.count || target[index] != scalar { return offset }
                index += 1
            }
            offset += scalar.utf16.count
        }
        return index == target.count ? nil : offset
    }

    /// The read-aloud text when it reads `shown` (the check lint makes, repeated because a language's fallback
    /// chain can take the displayed text from one file and the read-aloud text from another).
    public static func matching(_ spoken: String?, shown: String) -> String? {
        guard let spoken, firstDifference(spoken: spoken, shown: shown) == nil else { return nil }
        return spoken
    }
}
