import Foundation
import Testing
@testable import AtelierContent

/// The broken fixture: one file per kind of mistake, and the exact diagnostics lint must give for them
/// (Fixtures/broken/expected-lint.txt, paths relative to the fixture).
@Suite("Lint")
struct ContentLinterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let today = CalendarDate(year: 2026, month: 12, day: 6)!  // not before the bundled facts were checked

    static func repository(_ name: String) -> ContentRepository {
        let root = fixtures.appendingPathComponent(name).path
        return ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales")
    }

    @Test func everyMistakeOfTheBrokenFixtureIsReportedWhereItIs() throws {
        let root = Self.fixtures.appendingPathComponent("broken").path + "/"
        let report = ContentLinter.run(Self.repository("broken"), today: Self.today)
        let found = report.diagnostics.map { $0.description.replacingOccurrences(of: root, with: "") }
        let expected = try String(contentsOfFile: root + "expected-lint.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(found == expected)
        #expect(report.errorCount == 24)
        #expect(report.warningCount == 7)
    }

    /// An author removes an optional text (a hint): one warning that says what to do, not an error in each of
    /// the thirteen translation files; `translations update` then makes it obsolete and lint is clean.
    @Test func aRemovedTextGivesOneMessage() throws {
        let root = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-removed-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/Lessons", toPath: copy + "/Lessons")
        try FileManager.default.copyItem(atPath: root + "/Locales", toPath: copy + "/Locales")
        let module = copy + "/Lessons/coop-basics/module.yaml"
        let text = try String(contentsOfFile: module, encoding: .utf8)
        let hint = "    hint: \"Prenez la première lettre des mots importants.\"\n"
        #expect(text.contains(hint))
        try text.replacingOccurrences(of: hint, with: "").write(toFile: module, atomically: true, encoding: .utf8)
        let repository = ContentRepository(lessons: copy + "/Lessons", locales: copy + "/Locales")
        let report = ContentLinter.run(repository, today: Self.today)
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let removed = report.diagnostics.filter { $0.code == "removed-text" }
        #expect(removed.count == 1 && removed[0].message.contains("'ess-name/hint'") && removed[0].message.contains("13 translation files")
                && removed[0].message.contains("atelier translations update"), "\(report.diagnostics)")
    }

    @Test func theBundledContentIsLintClean() {
        let root = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let report = ContentLinter.run(ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"),
                                       today: Self.today)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.modules.count >= 4)
    }

    @Test func statusCountsEveryTextOnce() throws {
        let report = ContentLinter.run(Self.repository("broken"), today: Self.today)
        let demo = try #require(report.status["demo"])
        // ar.po: title and intro/body translated; q1/prompt translated too (its brackets are an error, not a
        // state); q1/choices/bank stale; the 7 others missing.
        #expect(demo["ar"] == counts(translated: 3, stale: 1, missing: 7))
        #expect(demo["zh"] == counts(missing: 11))
        let interface = try #require(report.status[ContentReport.interface])
        #expect(interface["ru"] == counts(translated: 1, fuzzy: 1, missing: 1))
        #expect(interface["zh"]?.translated == 3)
    }

    func counts(translated: Int = 0, fuzzy: Int = 0, stale: Int = 0, missing: Int = 0) -> TranslationCounts {
        var c = TranslationCounts()
        c.translated = translated
        c.fuzzy = fuzzy
        c.stale = stale
        c.missing = missing
        return c
    }
}
