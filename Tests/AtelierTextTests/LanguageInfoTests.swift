import Testing
@testable import AtelierText

@Suite("Languages")
struct LanguageInfoTests {
    @Test(arguments: [
        ("fr", "fr", "Français", TextDirection.leftToRight),
        ("en", "en", "English", .leftToRight),
        ("ar", "ar", "العربية", .rightToLeft),
        ("prs", "fa_AF", "دری", .rightToLeft),
        ("ps", "ps", "پښتو", .rightToLeft),
        ("ti", "ti", "ትግርኛ", .leftToRight),
        ("am", "am", "አማርኛ", .leftToRight),
        ("bn", "bn", "বাংলা", .leftToRight),
        ("ta", "ta", "தமிழ்", .leftToRight),
        ("zh", "zh", "中文", .leftToRight),
        ("ru", "ru", "Русский", .leftToRight),
        ("uk", "uk", "Українська", .leftToRight),
        ("tr", "tr", "Türkçe", .leftToRight),
    ])
    func fromICU(code: String, locale: String, endonym: String, direction: TextDirection) {
        let info = LanguageInfo.fromICU(code: code)
        #expect(info.icuLocale == locale)
        #expect(info.endonym == endonym)
        #expect(info.direction == direction)
        #expect(info.icuHasData)
    }

    @Test func soninkeIsUnknownToICU() {
        let info = LanguageInfo.fromICU(code: "snk")
        #expect(!info.icuHasData)
        #expect(info.endonym == "snk")
    }

    @Test func frenchIsTheSourceAndOthersFallBackToIt() {
        #expect(LanguageInfo.fromICU(code: "fr").status == .source)
        #expect(LanguageInfo.fromICU(code: "fr").fallback.isEmpty)
        #expect(LanguageInfo.fromICU(code: "ti").fallback == ["fr"])
    }
}
