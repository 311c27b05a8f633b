/// The facts as a table for people: docs/content-sources.md and `atelier facts`. One row a fact, with the
/// modules that use it, so a reviewer checking a law change sees at once what it touches.
public enum FactCatalog {
    /// Module ids using each fact, in a text (`{fact.ID}`) or as a typed answer (`number: {fact: ID}`).
    public static func usage(modules: [Module], texts: [String: [TranslationUnit]]) -> [String: [String]] {
        var usage: [String: Set<String>] = [:]
        for module in modules {
            for unit in texts[module.id] ?? [] {
                for id in FactReference.ids(in: unit.source) { usage[id, default: []].insert(module.id) }
            }
            for id in module.factAnswers { usage[id, default: []].insert(module.id) }
        }
        return usage.mapValues { $0.sorted() }
    }

    /// A Markdown table, in file order. Cells are escaped for Markdown (`|` and line breaks).
    public static func markdown(_ facts: FactTable, usage: [String: [String]]) -> String {
        var lines = [
            "| fact | value (French) | year | checked | used in | source |",
            "|---|---|---|---|---|---|",
        ]
        for fact in facts.ordered {
            let source = fact.url.isEmpty ? cell(fact.source) : "[\(cell(fact.source))](\(fact.url))"
            lines.append("| `\(fact.id)` | \(cell(fact.formatted(locale: "fr"))) | \(fact.year) | "
                + "\(fact.checked?.description ?? "—") | \(usage[fact.id]?.joined(separator: ", ") ?? "—") | \(source) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }
}
