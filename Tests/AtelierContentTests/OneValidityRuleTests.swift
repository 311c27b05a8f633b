import AtelierTestSupport
import Foundation
import Testing
@testable import AtelierContent

/// One rule for valid content (issue #20): every kind of error lint finds in a module makes the loader that the
/// kiosk, `atelier preview` and the quiz share leave the module out, with the error's place; the kiosk notes
/// it for its log and the facilitator's screen. (The quiz's loader: QuizLoaderRuleTests.)
@Suite("One validity rule")
struct OneValidityRuleTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 6)!

    @Test(arguments: ValidityBreaks.breaks.map { [$0.name, $0.find, $0.replace] })
    func everyLintErrorLeavesTheModuleOutOfEveryLoader(_ row: [String]) throws {
        let (name, find, replace) = (row[0], row[1], row[2])
        let (valid, facts) = try ValidityBreaks.example()
        #expect(valid.contains(find), "\(name): the example changed")
        let folders = try ValidityBreaks.repository(valid.replacingOccurrences(of: find, with: replace), facts: facts)
        defer { try? FileManager.default.removeItem(atPath: folders.root) }
        let repository = ContentRepository(lessons: folders.lessons, locales: folders.locales)

        let lint = ContentLinter.run(repository, today: Self.today)
        let lintErrors = lint.diagnostics.filter { $0.severity == .error && $0.location.path.hasSuffix("module.yaml") }
        #expect(!lintErrors.isEmpty, "\(name): lint found nothing")

        let loaded = KioskContent.loadCheckedModules(repository)
        #expect(loaded.modules.isEmpty, "\(name): a module lint refuses reached the loader's modules")
        #expect(!loaded.refused.isEmpty, "\(name): refused without a word")
        // The loader says where, as lint does: at least one of lint's errors, at the same place.
        #expect(Set(loaded.refused.map(\.location)).intersection(lintErrors.map(\.location)).isEmpty == false,
                "\(name): \(loaded.refused) vs \(lintErrors)")
        #expect(KioskContent.reasons(loaded.refused, module: "renouveler-son-titre") == loaded.refused)
        // The kiosk's own loading: nothing offered, the module counted as left out, its reasons kept for the log.
        var kiosk = KioskContent.load(repository, modules: false)
        kiosk.loadModulesReporting()
        #expect(kiosk.modules.isEmpty && kiosk.refusedModules == 1 && kiosk.refused == loaded.refused, "\(name)")
    }

    /// The breaks together meet every kind of error lint reports for a module file: a new kind of error needs
    /// a break here (and so goes through every loader's test).
    @Test func theBreaksCoverEveryKindOfModuleError() throws {
        let (valid, facts) = try ValidityBreaks.example()
        var codes: Set<String> = []
        for row in ValidityBreaks.breaks {
            let folders = try ValidityBreaks.repository(valid.replacingOccurrences(of: row.find, with: row.replace), facts: facts)
            defer { try? FileManager.default.removeItem(atPath: folders.root) }
            let lint = ContentLinter.run(ContentRepository(lessons: folders.lessons, locales: folders.locales), today: Self.today)
            codes.formUnion(lint.diagnostics.filter { $0.severity == .error }.map(\.code))
        }
        let kinds: Set<String> = ["unknown-reference", "invalid-id", "duplicate-id", "unknown-field", "unknown-fact", "bare-fact",
                                  "anchor", "tag", "merge-key", "yaml-syntax", "missing-field", "empty-text", "id-mismatch",
                                  "control-characters", "wrong-type", "invalid-value", "no-answer", "french-span"]
        #expect(kinds.subtracting(codes).isEmpty, "no break makes: \(kinds.subtracting(codes).sorted()); made: \(codes.sorted())")
    }

    /// A lessons folder the kiosk cannot list used to look like one with no modules, silently.
    @Test func anUnreadableLessonsFolderIsSaidByLintAndTheKiosk() throws {
        let (valid, facts) = try ValidityBreaks.example()
        let folders = try ValidityBreaks.repository(valid, facts: facts)
        defer { try? FileManager.default.removeItem(atPath: folders.root) }
        let notAFolder = folders.root + "/lessons-file"
        try "not a folder".write(toFile: notAFolder, atomically: true, encoding: .utf8)
        let repository = ContentRepository(lessons: notAFolder, locales: folders.locales)
        let lint = ContentLinter.run(repository, today: Self.today)
        let said = lint.diagnostics.filter { $0.code == "unreadable-folder" }
        #expect(said.count == 1 && said[0].location.path == notAFolder && said[0].message.contains("cannot be read"), "\(lint.diagnostics)")
        let loaded = KioskContent.loadCheckedModules(repository)
        #expect(loaded.modules.isEmpty && loaded.refused.map(\.code) == ["unreadable-folder"])
    }

    @Test func theValidExampleLoads() throws {
        let (valid, facts) = try ValidityBreaks.example()
        let folders = try ValidityBreaks.repository(valid, facts: facts)
        defer { try? FileManager.default.removeItem(atPath: folders.root) }
        let loaded = KioskContent.loadCheckedModules(ContentRepository(lessons: folders.lessons, locales: folders.locales))
        #expect(loaded.modules.count == 1 && loaded.refused.isEmpty, "\(loaded.refused)")
    }

    /// A module with no translation file for a language is shown in French in that language, and the kiosk
    /// says so: a warning for its log, a count for the facilitator, "(en français)" in the catalogue.
    @Test func aMissingTranslationFileIsReported() throws {
        let (valid, facts) = try ValidityBreaks.example()
        let folders = try ValidityBreaks.repository(valid, facts: facts)
        defer { try? FileManager.default.removeItem(atPath: folders.root) }
        try "languages:\n  - code: fr\n    status: source\n  - code: ar\n    status: draft\n"
            .write(toFile: folders.locales + "/languages.yaml", atomically: true, encoding: .utf8)
        var kiosk = KioskContent.load(ContentRepository(lessons: folders.lessons, locales: folders.locales), modules: false)
        kiosk.loadModulesReporting()
        #expect(kiosk.modules.count == 1)
        #expect(kiosk.missingTranslations.map(\.description) == [
            "\(folders.lessons)/renouveler-son-titre/ar.po:1:1: warning: no ar translation of module 'renouveler-son-titre': it is shown in French; run `atelier translations update` and translate the new file",
        ])
        let arabic = try #require(kiosk.languages.first { $0.code == "ar" })
        #expect(kiosk.shownInFrench(kiosk.text(of: kiosk.modules[0].module, texts: kiosk.modules[0].texts, language: arabic)))
        let french = try #require(kiosk.languages.first { $0.code == "fr" })
        #expect(!kiosk.shownInFrench(kiosk.text(of: kiosk.modules[0].module, texts: kiosk.modules[0].texts, language: french)))
    }
}
