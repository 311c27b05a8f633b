import Plot

/// Every string that reaches the page goes through here. Plot writes attribute values as given and leaves `&name;`
/// sequences in text alone, so a label such as `"><script>` or `&lt;` would reach the browser as markup: we escape
/// first (then Plot's own escaping finds only entities and keeps them), and drop control characters, which have no
/// business in a report and could reorder text (bidi overrides).
public enum Markup {
    /// `text` with & < > " ' as entities and control and bidi-override characters removed.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(" ")
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                    || (0x2066...0x2069).contains(value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A text node with `text` escaped.
    public static func text<Context>(_ text: String) -> Node<Context> { .text(escape(text)) }

    /// An attribute with its value escaped.
    public static func attribute<Context>(_ name: String, _ value: String) -> Node<Context> {
        .attribute(named: name, value: escape(value), ignoreIfValueIsEmpty: false)
    }

    /// A number for an SVG coordinate: at most one decimal, a dot whatever the locale.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
