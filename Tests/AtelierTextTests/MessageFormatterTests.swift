import Testing
@testable import AtelierText

@Suite("Messages and plurals")
struct MessageFormatterTests {
    @Test(arguments: [
        ("fr", 0.0, "one"), ("fr", 1, "one"), ("fr", 2, "other"), ("fr", 1_000_000, "many"),
        ("en", 1, "one"), ("en", 0, "other"),
        ("ar", 0, "zero"), ("ar", 1, "one"), ("ar", 2, "two"), ("ar", 3, "few"), ("ar", 11, "many"), ("ar", 100, "other"),
        ("fa_AF", 1, "one"), ("fa_AF", 5, "other"),
        ("ps", 1, "one"), ("ps", 2, "other"),
        ("ti", 0, "one"), ("ti", 2, "other"),
        ("am", 1, "one"), ("am", 2, "other"),
        ("bn", 1, "one"), ("bn", 2, "other"),
        ("ta", 1, "one"), ("ta", 2, "other"),
        ("zh", 1, "other"),
        ("ru", 1, "one"), ("ru", 2, "few"), ("ru", 5, "many"), ("ru", 21, "one"),
        ("uk", 1, "one"), ("uk", 3, "few"), ("uk", 11, "many"),
        ("tr", 1, "one"), ("tr", 2, "other"),
    ])
    func pluralCategory(locale: String, number: Double, expected: String) {
        #expect(PluralRules.category(of: number, locale: locale) == expected)
    }

    @Test(arguments: [
        ("ar", ["zero", "one", "two", "few", "many", "other"]),
        ("ru", ["one", "few", "many", "other"]),
        ("uk", ["one", "few", "many", "other"]),
        ("fr", ["one", "many", "other"]),
        ("zh", ["other"]),
        ("tr", ["one", "other"]),
    ])
    func categories(locale: String, expected: [String]) {
        #expect(PluralRules.categories(locale: locale) == Set(expected))
    }

    static let modules = "{count, plural, =0 {aucun module} one {# module} other {# modules}}"

    @Test(arguments: [
        ("fr", modules, 0, "aucun module"),
        ("fr", modules, 1, "1 module"),
        ("fr", modules, 3, "3 modules"),
        ("fr", modules, 1500, "1\u{202F}500 modules"),
        ("ar", "{count, plural, zero {لا دروس} one {درس واحد} two {درسان} few {# دروس} many {# درسًا} other {# درس}}", 3, "3 دروس"),
        ("ar", "{count, plural, zero {لا دروس} one {درس واحد} two {درسان} few {# دروس} many {# درسًا} other {# درس}}", 2, "درسان"),
        ("ar", "{count, plural, zero {لا دروس} one {درس واحد} two {درسان} few {# دروس} many {# درسًا} other {# درس}}", 1500, "1,500 درس"),
        ("fa_AF", "{count, plural, one {# درس} other {# درس}}", 12, "12 درس"),
        ("ru", "{count, plural, one {# модуль} few {# модуля} many {# модулей} other {# модуля}}", 5, "5 модулей"),
        ("zh", "{count, plural, other {# 个模块}}", 4, "4 个模块"),
    ])
    func pluralMessages(locale: String, pattern: String, count: Int, expected: String) throws {
        let result = try MessageFormatter.format(pattern, locale: locale, ["count": .number(Double(count))]).get()
        #expect(result == expected)
    }

    @Test func namedStringArguments() throws {
        let text = try MessageFormatter.format("Bonjour {name}, étape {step} sur {total}", locale: "fr",
                                               ["name": "Amina", "step": 2, "total": 15]).get()
        #expect(text == "Bonjour Amina, étape 2 sur 15")
    }

    @Test func syntaxErrorsComeBackWithAnOffset() {
        guard case .failure(let error) = MessageFormatter.format("{count, plural, one {x}", locale: "fr", ["count": 1])
        else { Issue.record("expected a failure"); return }
        #expect(error.code == "U_UNMATCHED_BRACES" || error.code == "U_PATTERN_SYNTAX_ERROR")
        guard case .failure(let checked) = MessageFormatter.check("Bonjour {name") else {
            Issue.record("expected a failure"); return
        }
        #expect(checked.offset != nil)
    }

    @Test func checkFindsArgumentNamesAndPluralKeywords() throws {
        let summary = try MessageFormatter.check(
            "{count, plural, one {# x {name}} other {# y}} {gender, select, f {a} other {b}}").get()
        #expect(summary.argumentNames == ["count", "name", "gender"])
        #expect(summary.pluralKeywords == ["one", "other"])
    }
}
