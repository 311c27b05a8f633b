import CAtelierICU

/// Whether a native speaker has checked a language's texts.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable {
    /// The language lessons are written in.
    case source
    case reviewed
    /// Machine- or volunteer-drafted, not yet reviewed: the kiosk says so, discreetly.
    case draft
}

/// What Atelier needs to know about a language: how ICU calls it, its own name, its direction, where to
/// look when a text is missing, and who checked its texts.
public struct LanguageInfo: Sendable, Equatable {
    /// The code used in file names: "prs", "ti", "zh".
    public var code: String
    /// The locale ICU understands for it: "fa_AF" for prs.
    public var icuLocale: String
    /// The language's name in itself: "دری", "ትግርኛ".
    public var endonym: String
    public var direction: TextDirection
    /// Codes to try, in order, when a text is missing in this language (the language itself excluded).
    public var fallback: [String]
    public var status: ReviewStatus
    /// False when ICU 72 has no data for it (Soninke, Haitian Creole): endonym and direction must then come
    /// from `Locales/languages.yaml`.
    public var icuHasData: Bool

    public init(code: String, icuLocale: String, endonym: String, direction: TextDirection,
                fallback: [String], status: ReviewStatus, icuHasData: Bool) {
        self.code = code
        self.icuLocale = icuLocale
        self.endonym = endonym
        self.direction = direction
        self.fallback = fallback
        self.status = status
        self.icuHasData = icuHasData
    }

    /// Codes whose ICU locale is not the code itself. Dari is not an ICU locale; ICU knows it as Persian of
    /// Afghanistan, and names it "دری" with dialect names.
    static let icuLocaleForCode: [String: String] = ["prs": "fa_AF"]

    /// What ICU alone says about `code`; `Locales/languages.yaml` may then override any field.
    public static func fromICU(code: String) -> LanguageInfo {
        let locale = icuLocaleForCode[code] ?? code
        let hasData = atelier_locale_is_available(locale) != 0
        let name = hasData ? displayName(of: locale, in: locale) : code
        return LanguageInfo(
            code: code, icuLocale: locale, endonym: name,
            direction: atelier_locale_is_rtl(locale) != 0 ? .rightToLeft : .leftToRight,
            fallback: code == "fr" ? [] : ["fr"], status: code == "fr" ? .source : .draft, icuHasData: hasData)
    }

    /// The name of `locale` in `displayLocale`, capitalised as in a menu.
    public static func displayName(of locale: String, in displayLocale: String) -> String {
        let units = withGrowingBuffer(initialCapacity: 64) { out, capacity in
            atelier_locale_display_name(locale, displayLocale, out, capacity)
        }
        return units.map { String(utf16Units: $0) } ?? locale
    }

    /// The locale to format numbers, plurals and messages with.
    public var messageLocale: String { icuLocale }
}
