import AtelierText
import Foundation

/// A player's nickname as the host keeps it: on one line, no escape sequence, no bidi control, no invisible
/// character, at most 24 characters (grapheme clusters), NFC. Look-alikes are caught by the game, with
/// matching keys (accents, case) and ICU's confusable skeletons (other scripts); this only makes the name safe
/// to show.
public enum Nickname {
    public static func clean(_ raw: String) -> String {
        let line = TerminalSanitizer.sanitizeLine(raw)
        let visible = String(String.UnicodeScalarView(line.unicodeScalars.filter { !isInvisible($0) }))
        let trimmed = visible.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        return String(trimmed.prefix(QuizProtocol.maxNicknameCharacters))
    }

    /// Format characters that draw nothing (zero-width space, bidi marks, the BOM, fillers, tag characters): a
    /// spoofer's tools. ZWJ and ZWNJ stay: Persian spelling and emoji sequences need them, and the matching key
    /// ignores them anyway.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B, 0x200E, 0x200F, 0x202A...0x202E,
             0x2060...0x206F, 0x3164, 0xFE00...0xFE0E, 0xFEFF, 0xFFA0, 0xFFF0...0xFFF8, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }
}
