import CAtelierICU

/// Makes untrusted text safe to print: no escape sequence, control character or bidi override gets through.
///
/// Everything that reaches the terminal (lesson text, translations, pseudonyms, network input) passes here
/// first. ESC and C1 sequences (CSI, OSC 8 links, OSC 52 clipboard writes, DCS, ...) are removed with their
/// parameters; other C0/C1 controls and DEL are removed; U+202A-202E and U+2066-2069 are removed; CR LF,
/// CR, U+2028 and U+2029 become "\n"; tabs become spaces to the next multiple of 8; at most 16 combining
/// marks in a row are kept; lone surrogates and noncharacters become U+FFFD.
public enum TerminalSanitizer {
    public static func sanitize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A }) { return text }
        let units = text.utf16Units
        return String(utf16Units: sanitize(units: units))
    }

    /// Single-line form for names and labels: line ends become spaces.
    public static func sanitizeLine(_ text: String) -> String {
        String(sanitize(text).map { $0 == "\n" ? " " : $0 })
    }

    public static func sanitize(units: [UInt16]) -> [UInt16] {
        units.withUnsafeBufferPointer { sanitize($0) }
    }

    /// The sanitised form of `units` (the streaming layout's path, without an intermediate String).
    public static func sanitize(_ units: UnsafeBufferPointer<UInt16>) -> [UInt16] {
        // 8 units per unit always suffice (a tab becomes at most 8 spaces); should the sanitiser ever say it
        // needs more, the buffer grows to what it asks for and it runs again.
        var capacity = units.count * 8 + 1
        while true {
            var needed = 0
            let result = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                needed = Int(atelier_sanitize(units.baseAddress, Int32(units.count), buffer.baseAddress,
                                              Int32(clamping: buffer.count)))
                count = needed <= buffer.count ? needed : 0
            }
            if result.count == needed { return result }
            capacity = needed
        }
    }

    /// Whether `sanitize` would change `text` (beyond expanding tabs): a fast check for lint, which asks it
    /// of every text of every translation.
    public static func wouldChange(_ text: String) -> Bool {
        var marks = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x20 && v < 0x7F {
                marks = 0
                continue
            }
            if v == 0x0A || v == 0x09 {
                marks = 0
                continue
            }
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0xFEFF || v == 0x2028 || v == 0x2029 || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE {
                return true
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                marks += 1
                if marks > 16 { return true }
            default:
                marks = 0
            }
        }
        return false
    }
}
