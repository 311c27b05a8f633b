import AtelierText

/// Numbers as participants type them: digits of any script (١٢٣, ۱۲۳, ௧௨௩), a comma or a point (or the
/// Arabic decimal separator) before the decimals, spaces or thin spaces between thousands.
public enum NumberInput {
    public static func parse(_ typed: String) -> Double? {
        let folded = Folding.fold(typed)
        var text = ""
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "0"..."9", "-": text.unicodeScalars.append(scalar)
            case ",", ".", "\u{066B}": text.unicodeScalars.append(".")
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{066C}", "'": continue
            default: return nil
            }
        }
        guard text.filter({ $0 == "." }).count <= 1, !text.isEmpty else { return nil }
        return Double(text)
    }
}
