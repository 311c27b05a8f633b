import AtelierContent
import AtelierEngine
import AtelierText
import Foundation
import Testing
@testable import AtelierTerminal

/// A fact lives once: changing its value in Lessons/facts.yaml changes what the kiosk shows, in French and in
/// the translations, with no translation touched (issue #17).
@Suite("Facts on screen")
struct FactRenderingTests {
    /// A copy of the bundled content, so that the test can edit the facts file.
    static func copyContent() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-facts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["Lessons", "Locales"] {
            try FileManager.default.copyItem(atPath: GoldenScreenTests.root.path + "/" + folder, toPath: root + "/" + folder)
        }
        return root
    }

    /// `facts.yaml` with the amount of one fact replaced.
    static func setAmount(of id: String, to value: Int, in path: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "  \(id):"))
        let field = try #require(lines[(start + 1)...].firstIndex { $0.hasPrefix("    amount:") })
        lines[field] = "    amount: \(value)"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func editingOneFactChangesTheScreenInFrenchArabicAndTigrinya() throws {
        let root = try Self.copyContent()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let repository = ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales")
        let before = KioskContent.load(repository)
        let languages = try ["fr", "ar", "ti"].map { code in try #require(before.languages.first { $0.code == code }) }

        // A text step that states an amount through a fact and is translated (not fuzzy) in Arabic and Tigrinya.
        var found: (module: String, step: String, fact: String)?
        search: for entry in before.modules {
            for step in entry.module.steps {
                guard case .text = step.content else { continue }
                let context = TranslationKey.step(step.id, .body)
                guard let unit = entry.texts.first(where: { $0.context == context.rawValue }) else { continue }
                for reference in FactReference.all(in: unit.source) {
                    guard case .amount = entry.module.facts[reference.id]?.value else { continue }
                    let translated = languages.dropFirst().allSatisfy { language in
                        before.text(of: entry.module, texts: entry.texts, language: language).isTranslated(context)
                    }
                    if translated { found = (entry.module.id, step.id, reference.id); break search }
                }
            }
        }
        let (moduleID, stepID, factID) = try #require(found, "no translated text step states an amount through a fact")

        func screens(_ content: KioskContent) throws -> [String] {
            let entry = try #require(content.modules.first { $0.module.id == moduleID })
            return languages.map { language in
                let text = content.text(of: entry.module, texts: entry.texts, language: language)
                let engine = LessonEngine(content: LessonContent(module: entry.module, matchLocale: language.icuLocale))
                var state = engine.initialState()
                _ = engine.reduce(&state, .started(language: language.code, seed: 1, previous: nil, at: Instant(milliseconds: 0)))
                state.currentStep = stepID
                let style = TerminalStyle(width: 80, height: 60, plain: false, color: false, bidi: .app)
                return KioskRenderer.step(state, text: text, strings: content.strings(language), style: style).text
            }
        }
        let old = try screens(before)
        for screen in old { #expect(!screen.contains("987"), "\(screen)") }

        try Self.setAmount(of: factID, to: 987_654, in: root + "/Lessons/facts.yaml")
        let after = KioskContent.load(repository)
        let new = try screens(after)
        for (index, language) in languages.enumerated() {
            #expect(new[index] != old[index], "\(language.code): the screen did not change")
            // Grouped the language's way ("987 654 €", "987,654 €"), Latin digits in every language.
            #expect(new[index].contains("987") && new[index].contains("654") && new[index].contains("€"),
                    "\(language.code): \(new[index])")
        }
        // The translation files were not touched: the same texts are still translated.
        let entry = try #require(after.modules.first { $0.module.id == moduleID })
        for language in languages.dropFirst() {
            #expect(after.text(of: entry.module, texts: entry.texts, language: language).isTranslated(.step(stepID, .body)))
        }
    }
}
