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

    /// A number typed with its unit or currency, as people write answers: "120 jours", "180 €", "€180",
    /// "١٢٠ يومًا", "120天". Exactly one number, and no other digit: "120 ou 60" is not an answer of 120.
    public static func parseWithUnit(_ typed: String) -> Double? {
        if let plain = parse(typed) { return plain }
        let folded = Array(Folding.fold(typed).unicodeScalars)
        var runs: [String] = []
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < folded.count && ("0"..."9").contains(folded[i]) }
        while index < folded.count {
            guard isDigit(index) || (folded[index] == "-" && isDigit(index + 1) && runs.isEmpty) else {
                index += 1
                continue
            }
            var run = String(folded[index])
            index += 1
            while index < folded.count {
                let scalar = folded[index]
                if isDigit(index) {
                    run.unicodeScalars.append(scalar)
                    index += 1
                } else if [",", ".", "\u{066B}"].contains(scalar), isDigit(index + 1) {
                    run.unicodeScalars.append(".")
                    index += 1
                } else if [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{066C}", "'"].contains(scalar),
                          (1...3).allSatisfy({ isDigit(index + $0) }), !isDigit(index + 4) {
                    index += 1  // a thousands separator: exactly three digits follow
                } else {
                    break
                }
            }
            runs.append(run)
        }
        guard runs.count == 1, let run = runs.first, run.filter({ $0 == "." }).count <= 1 else { return nil }
        return Double(run)
    }
}
