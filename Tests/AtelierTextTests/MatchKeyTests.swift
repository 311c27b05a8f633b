import Testing
@testable import AtelierText

@Suite("Matching keys")
struct MatchKeyTests {
    @Test(arguments: [
        ("fr", "Récépissé", "recepisse"),
        ("fr", "récépissé !", "RECEPISSE"),
        ("fr", "carte vitale", "Carte-Vitale"),
        ("fr", "Amina\u{200B}", "Amina"),
        ("es", "Año", "año"),
        ("tr", "IŞIK", "ışık"),
        ("tr", "İstanbul", "istanbul"),
        ("ar", "مدرسة", "مدرسه"),
        ("ar", "أحمد", "احمد"),
        ("ar", "إسلام", "اسلام"),
        ("ar", "آمنة", "امنه"),
        ("ar", "كتاب", "کتاب"),
        ("ar", "يوم", "یوم"),
        ("ar", "كـــتاب", "كتاب"),
        ("ar", "مُحَمَّد", "محمد"),
        ("fa_AF", "کتاب", "كتاب"),
        ("fa_AF", "۱۲۳", "123"),
        ("ar", "١٢٣", "123"),
        ("bn", "১২৩", "123"),
        ("ta", "௧௨௩", "123"),
        ("ru", "Ёлка", "елка"),
        ("zh", "你好", "你好"),
        ("ti", "ሰላም", "ሰላም"),
    ])
    func equal(locale: String, typed: String, accepted: String) {
        #expect(MatchKey(typed, locale: locale) == MatchKey(accepted, locale: locale))
    }

    @Test(arguments: [
        ("es", "año", "ano"),
        ("tr", "ılık", "ilik"),
        ("fr", "vote", "note"),
        ("zh", "你好", "您好"),
        ("ar", "كتاب", "كتب"),
        ("uk", "ґанок", "ганок"),
    ])
    func different(locale: String, typed: String, accepted: String) {
        #expect(MatchKey(typed, locale: locale) != MatchKey(accepted, locale: locale))
    }

    @Test(arguments: [
        ("fr", "recepise", "récépissé", 1),
        ("fr", "préfecture", "prefecture", 0),
        ("fr", "prefectrue", "préfecture", 2),
        ("ar", "المحافظ", "المحافظة", 1),
        ("fr", "abc", "xyzabcdef", 2),
    ])
    func distance(locale: String, a: String, b: String, expected: Int) {
        #expect(MatchKey(a, locale: locale).distance(to: MatchKey(b, locale: locale), limit: 1) == min(expected, 2))
    }

    @Test func punctuationOnlyIsEmpty() {
        #expect(MatchKey(" ... !? ", locale: "fr").isEmpty)
    }
}
