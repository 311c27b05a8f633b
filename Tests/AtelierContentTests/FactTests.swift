import AtelierText
import Foundation
import Testing
@testable import AtelierContent

/// Facts that laws change live once in Lessons/facts.yaml; lessons refer to them (issue #17).
@Suite("Dated facts")
struct FactTests {
    static let references: [(String, [String])] = [
        ("coûte {fact.late-renewal-fee} de plus", ["late-renewal-fee"]),
        ("{fact.a} et {fact.b-2}", ["a", "b-2"]),
        ("{fact.} {fact.A} {fact.x y} {facts.x} {fact.x", []),
        ("{count, plural, one {# jour} other {# jours}}", []),
        ("{{fact.a}}", ["a"]),
    ]

    @Test(arguments: references)
    func referencesAreFoundAsWritten(text: String, ids: [String]) {
        #expect(FactReference.all(in: text).map(\.id) == ids)
    }

    static let bare: [(String, [String])] = [
        ("Une demande en retard coûte 180 € en plus.", ["180 €"]),
        ("entre 120 jours et 60 jours", ["120 jours", "60 jours"]),
        ("il fallait 2 142 € de marge, soit 36,5 %", ["2 142 €", "36,5 %"]),
        ("Le CIR dure 1 an. Après 6 mois, 24 heures, 15 minutes, 2 semaines, 3 années", ["1 an", "6 mois", "24 heures", "15 minutes", "2 semaines", "3 années"]),
        ("1 500 euros, 10 euro", ["1 500 euros", "10 euro"]),
        // Not amounts or delays: years, dates, levels, articles, counts, clock times, fact references.
        ("Depuis le 1er janvier 2026, le niveau A2, l'article L.7332-3, 15 chiffres, à 10 h", []),
        ("entre {fact.renewal-earliest-days} jours et {fact.renewal-latest-days} jours", []),
        ("la loi 2024-42 du 26 janvier 2024, le décret 2024-811", []),
        ("un ancien 5 ansible", []),
    ]

    @Test(arguments: bare)
    func amountsAndDelaysWrittenAsNumbersAreFound(text: String, found: [String]) {
        #expect(FactChecker.bareValues(in: text) == found)
    }

    static let formatting: [(Fact.Value, String, String)] = [
        (.amount(180), "fr", "180\u{A0}€"),
        (.amount(1823.03), "fr", "1\u{202F}823,03\u{A0}€"),
        (.number(12000), "fr", "12\u{202F}000"),
        (.number(120), "ar", "120"),
        (.percent(57.5), "fr", "57,5\u{A0}%"),
        (.date(CalendarDate(year: 2024, month: 7, day: 17)!), "fr", "17 juillet 2024"),
        (.date(CalendarDate(year: 2024, month: 7, day: 17)!), "en", "July 17, 2024"),
        (.date(CalendarDate(year: 2024, month: 7, day: 17)!), "fa_AF", "17 جولای 2024"),
        (.date(CalendarDate(year: 2024, month: 7, day: 17)!), "ti", "17/07/2024"),
        (.amount(1823.03), "ar", "1,823.03\u{A0}€"),
    ]

    @Test(arguments: formatting)
    func valuesAreWrittenTheWayTheLanguageWritesThem(value: Fact.Value, locale: String, expected: String) {
        let fact = Fact(id: "x", value: value, year: 2026, source: "s", url: "https://x", checked: nil, note: nil,
                        location: SourceLocation(path: "f", line: 1, column: 1))
        #expect(fact.formatted(locale: locale) == expected)
    }

    @Test(arguments: ["ar", "fa_AF", "ps", "ti", "ta", "bn", "zh"])
    func everyLanguageReadsLatinDigits(locale: String) {
        for value in [Fact.Value.amount(1823.03), .number(120), .percent(51), .date(CalendarDate(year: 2024, month: 7, day: 17)!)] {
            let fact = Fact(id: "x", value: value, year: 2026, source: "s", url: "https://x", checked: nil, note: nil,
                            location: SourceLocation(path: "f", line: 1, column: 1))
            let text = fact.formatted(locale: locale)
            let digits = text.unicodeScalars.filter { $0.properties.numericType == .decimal }
            #expect(!digits.isEmpty && digits.allSatisfy { $0.isASCII }, "\(locale): \(text)")
            if case .date = value { #expect(text.contains("2024") && text.contains("17"), "\(locale): \(text)") }
            #expect(!text.unicodeScalars.contains { Fact.directionMarks.contains($0.value) }, "\(locale): \(text)")
        }
    }

    /// A scratch lessons folder with one module and the facts file given.
    func scratch(module: String, facts: String?) throws -> (String, () -> Void) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-facts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Lessons/demo", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Locales", withIntermediateDirectories: true)
        try module.write(toFile: root + "/Lessons/demo/module.yaml", atomically: true, encoding: .utf8)
        if let facts { try facts.write(toFile: root + "/Lessons/facts.yaml", atomically: true, encoding: .utf8) }
        try "languages:\n  - code: fr\n    status: source\n".write(toFile: root + "/Locales/languages.yaml", atomically: true, encoding: .utf8)
        return (root, { try? FileManager.default.removeItem(atPath: root) })
    }

    static let module = """
        id: demo
        version: 1
        title: "Démo"
        summary: "Un module de test."
        minutes: 5
        level: A2
        sources:
          - {title: "Source", url: "https://example.org", checked: 2026-12-01}
        steps:
          - id: fee
            type: text
            body: |
              En 2026, une demande en retard coûte {fact.late-fee} de plus.
              Le dépôt se fait {fact.earliest} jours avant, et coûtait 25 € en 2025.
          - id: days
            type: input
            prompt: "Combien de jours ?"
            number: {fact: earliest, tolerance: 0}
          - id: sum
            type: text
            example: true
            body: "Un exemple : vous vendez pour 1 000 €."
          - id: typo
            type: text
            body: "Voir {fact.late-fe}."

        """

    static let facts = """
        facts:
          late-fee:
            amount: 180
            year: 2026
            source: "CESEDA L.436-5"
            url: "https://www.legifrance.gouv.fr"
            checked: 2026-12-01
          earliest:
            number: 120
            year: 2026
            source: "Préfecture"
            url: "https://www.vaucluse.gouv.fr"
            checked: 2025-01-10
          unused:
            percent: 51
            year: 2026
            source: "Loi"
            url: "http://insecure.example"
            checked: 2026-12-01

        """

    @Test func lintPlacesEveryFactProblem() throws {
        let (root, remove) = try scratch(module: Self.module, facts: Self.facts)
        defer { remove() }
        let report = ContentLinter.run(ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"),
                                       today: CalendarDate(year: 2026, month: 12, day: 6)!)
        let found = report.diagnostics.map { "\(URL(fileURLWithPath: $0.location.path).lastPathComponent):\($0.location.line):\($0.location.column) \($0.severity.rawValue) \($0.code)" }
        #expect(found.sorted() == [
            "facts.yaml:13:14 warning stale-fact",
            "facts.yaml:14:3 warning unused-fact",
            "facts.yaml:18:10 error invalid-value",
            "module.yaml:14:64 error bare-fact",
            "module.yaml:25:17 error unknown-fact",
        ].sorted(), "\(report.diagnostics)")
        let typo = try #require(report.diagnostics.first { $0.code == "unknown-fact" })
        #expect(typo.message.contains("did you mean 'late-fee'"))
        // The input step's answer is the fact's value.
        let module = try #require(report.modules.first)
        if case .input(_, _, _, let number) = module.step("days")?.content {
            #expect(number?.value == 120)
        } else {
            Issue.record("no input step")
        }
    }

    @Test func aModuleWithAnUnknownFactIsRefusedByTheLoaderItself() throws {
        let (root, remove) = try scratch(module: Self.module, facts: nil)
        defer { remove() }
        let loaded = ModuleLoader.load(path: root + "/Lessons/demo/module.yaml")
        let codes = Set(loaded.diagnostics.filter { $0.severity == .error }.map(\.code))
        #expect(codes.isSuperset(of: ["unknown-fact", "bare-fact"]))
    }

    @Test func translationsKeepTheFactsAndStateNoNumberOfTheirOwn() {
        let unit = TranslationUnit(context: "fee/body", source: "Elle coûte {fact.late-fee} de plus, dans {fact.days} jours.",
                                   location: SourceLocation(path: "m", line: 1, column: 1))
        let language = LanguageInfo.fromICU(code: "ar")
        func codes(_ text: String) -> [String] {
            TranslationChecker.problems(in: text, source: unit.source, unit: unit, categories: ["other"], language: language).map(\.code)
        }
        #expect(codes("تكلف {fact.late-fee} إضافية خلال {fact.days} يومًا.") == [])
        #expect(codes("تكلف {fact.days} يومًا.") == ["fact-references"])
        #expect(codes("تكلف 180 € إضافية خلال {fact.days} يومًا و{fact.late-fee}.") == ["own-number"])
        #expect(codes("تكلف ١٨٠ إضافية {fact.late-fee} {fact.days}") == ["own-number"])
        let date = TranslationUnit(context: "when/prompt", source: "Votre titre finit le 1er septembre.",
                                   location: SourceLocation(path: "m", line: 1, column: 1))
        #expect(TranslationChecker.problems(in: "您的居留证9月1日到期。", source: date.source, unit: date, categories: ["other"],
                                            language: LanguageInfo.fromICU(code: "zh")).isEmpty)
    }
}
