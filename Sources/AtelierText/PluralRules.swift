import CAtelierICU

/// CLDR plural categories through ICU: ar has zero/one/two/few/many/other, ru one/few/many/other,
/// fr one/many/other, zh only other.
public enum PluralRules {
    public static func category(of number: Double, locale: String) -> String {
        let keyword = withGrowingCString(initialCapacity: 32) { atelier_plural_select(locale, number, $0, $1) }
        guard let keyword, !keyword.isEmpty else { return "other" }
        return keyword
    }

    public static func categories(locale: String) -> Set<String> {
        let text = withGrowingCString(initialCapacity: 128) { atelier_plural_categories(locale, $0, $1) }
        guard let text, !text.isEmpty else { return ["other"] }
        return Set(text.split(separator: " ").map(String.init))
    }
}
