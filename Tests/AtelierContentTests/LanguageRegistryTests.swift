import AtelierText
import Foundation
import Testing
@testable import AtelierContent

@Suite("Languages registry")
struct LanguageRegistryTests {
    @Test func theBundledRegistryListsEveryLanguageWithItsOwnName() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Locales/languages.yaml").standardized.path
        let (registry, diagnostics) = LanguageRegistry.load(path: path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let expected: [(String, String, TextDirection)] = [
            ("fr", "Français", .leftToRight), ("en", "English", .leftToRight), ("ar", "العربية", .rightToLeft),
            ("prs", "دری", .rightToLeft), ("ps", "پښتو", .rightToLeft), ("ti", "ትግርኛ", .leftToRight),
            ("bn", "বাংলা", .leftToRight), ("ta", "தமிழ்", .leftToRight), ("uk", "Українська", .leftToRight),
            ("ru", "Русский", .leftToRight), ("es", "Español", .leftToRight), ("pt", "Português", .leftToRight),
            ("tr", "Türkçe", .leftToRight), ("zh", "中文", .leftToRight),
        ]
        #expect(registry.languages.map(\.code) == expected.map(\.0))
        for (code, endonym, direction) in expected {
            let info = try #require(registry.language(code))
            #expect(info.endonym == endonym)
            #expect(info.direction == direction)
        }
        #expect(registry.language("prs")?.icuLocale == "fa_AF")
        #expect(registry.language("fr")?.status == .source)
        #expect(registry.languages.filter { $0.code != "fr" }.allSatisfy { $0.status == .draft })
    }

    @Test func theRegistrySuppliesWhatICULacks() throws {
        let yaml = """
        languages:
          - code: snk
            endonym: Sooninkanxanne
            direction: ltr
            fallback: [fr]
            status: draft
          - code: ht
            endonym: Kreyòl ayisyen
            direction: ltr
        """
        let (registry, diagnostics) = LanguageRegistry.parse(yaml, path: "languages.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let soninke = try #require(registry.language("snk"))
        #expect(soninke.endonym == "Sooninkanxanne")
        #expect(!soninke.icuHasData)
        #expect(registry.language("ht")?.endonym == "Kreyòl ayisyen")
    }

    @Test(arguments: [
        ("languages:\n  - code: snk\n", ["languages.yaml:2:5: error: ICU has no data for 'snk': give its 'endonym' and 'direction' here"]),
        ("languages:\n  - code: ar\n    direcshun: rtl\n", ["languages.yaml:3:5: error: unknown field 'direcshun' in a language"]),
        ("languages:\n  - code: ar\n  - code: ar\n", ["languages.yaml:3:11: error: language 'ar' is listed twice"]),
        ("languages:\n  - code: ar\n    direction: up\n", ["languages.yaml:3:16: error: direction must be 'ltr' or 'rtl'"]),
        ("languages: [\n", ["languages.yaml:2:1: error: did not find expected node content (while parsing a flow node)"]),
    ])
    func problemsComeWithTheirPosition(yaml: String, expected: [String]) {
        let (_, diagnostics) = LanguageRegistry.parse(yaml, path: "languages.yaml")
        #expect(diagnostics.map(\.description) == expected)
    }
}
