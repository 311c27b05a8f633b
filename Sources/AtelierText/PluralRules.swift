import CAtelierICU

/// CLDR plural categories through ICU: ar has zero/one/two/few/many/other, ru one/few/many/other,
/// fr one/many/other, zh only other.
public enum PluralRules {
    public static func category(of number: Double, locale: String) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        let n = atelier_plural_select(locale, number, &buffer, 32)
        guard n > 0 else { return "other" }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func categories(locale: String) -> Set<String> {
        var buffer = [CChar](repeating: 0, count: 128)
        let n = atelier_plural_categories(locale, &buffer, 128)
        guard n > 0 else { return ["other"] }
        let text = String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Set(text.split(separator: " ").map(String.init))
    }
}
