import Foundation
import Testing

@Suite("atelier lint and translations, end to end", .serialized)
struct ContentCommandTests {
    static let broken = "Tests/AtelierContentTests/Fixtures/broken"

    @Test func lintReportsEveryProblemAndFails() throws {
        let outcome = try AtelierProcess.run(["lint", "--lessons", "\(Self.broken)/Lessons", "--locales", "\(Self.broken)/Locales"])
        #expect(outcome.status == 1)
        let expected = try String(contentsOfFile: AtelierProcess.packageRoot.path + "/\(Self.broken)/expected-lint.txt", encoding: .utf8)
            .split(separator: "\n").map { "\(Self.broken)/\($0)" }
        #expect(outcome.rows == expected + ["24 errors, 7 warnings in 2 modules and 4 languages"])
    }

    @Test func lintSpeaksJSON() throws {
        let outcome = try AtelierProcess.run(["lint", "--lessons", "\(Self.broken)/Lessons", "--locales", "\(Self.broken)/Locales",
                                              "--format", "json"])
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        #expect(json["errors"] as? Int == 24)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first { $0["code"] as? String == "unknown-reference" })
        #expect(first["file"] as? String == "\(Self.broken)/Lessons/demo/module.yaml")
        #expect(first["line"] as? Int == 18)
        #expect(first["column"] as? Int == 21)
    }

    /// docs/content-sources.md lists every fact as `atelier facts` does: a fact added, changed or rechecked
    /// without the docs fails here.
    @Test func theFactsTableOfTheDocsIsCurrent() throws {
        let outcome = try AtelierProcess.run(["facts"])
        #expect(outcome.status == 0)
        let doc = try String(contentsOfFile: AtelierProcess.packageRoot.path + "/docs/content-sources.md", encoding: .utf8)
        let begin = try #require(doc.range(of: "<!-- facts:begin -->\n"))
        let end = try #require(doc.range(of: "<!-- facts:end -->"))
        let table = String(doc[begin.upperBound..<end.lowerBound])
        #expect(table == outcome.text, "run: atelier facts, and paste its table into docs/content-sources.md")
        #expect(outcome.rows.count > 50)
    }

    /// A module lint refuses is not previewed either, and preview says where its errors are.
    @Test func previewRefusesAModuleWithErrorsAndSaysWhere() throws {
        let outcome = try AtelierProcess.run(["preview", "demo", "--lang", "fr", "--lessons", "\(Self.broken)/Lessons",
                                              "--locales", "\(Self.broken)/Locales"])
        #expect(outcome.status != 0)
        #expect(outcome.text.isEmpty)
        #expect(outcome.standardError.contains("/demo/module.yaml:"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("has errors"), "\(outcome.standardError)")
    }

    /// `preview --all`: what a participant can open or meet on each screen, for an author checking a module:
    /// the hint, the glossary, the feedback of every choice, true and false, and every scenario option.
    @Test func previewAllShowsHintsGlossaryAndEveryFeedback() throws {
        let outcome = try AtelierProcess.run(["preview", "coop-basics", "--lang", "fr", "--all"])
        #expect(outcome.status == 0)
        let text = outcome.text
        let root = AtelierProcess.packageRoot.path
        let module = try String(contentsOfFile: root + "/Lessons/coop-basics/module.yaml", encoding: .utf8)
        // One section per choice of every choice question, two per true/false.
        let choiceSections = text.components(separatedBy: " (choice ").count - 1
        let trueFalseSections = text.components(separatedBy: " (true) ──").count - 1
        #expect(choiceSections >= 2 * module.components(separatedBy: "type: choice").count - 2)
        #expect(trueFalseSections == module.components(separatedBy: "type: truefalse").count - 1)
        #expect(text.contains("Les mots français"), "the glossary, open")
        #expect(text.contains("\n? "), "a hint, shown")
        let plain = try AtelierProcess.run(["preview", "coop-basics", "--lang", "fr"])
        #expect(!plain.text.contains(" (choice ") && !plain.text.contains("Les mots français"))
    }

    @Test func theBundledContentIsLintClean() throws {
        let outcome = try AtelierProcess.run(["lint"])
        #expect(outcome.status == 0, "\(outcome.text)")
        #expect(outcome.rows.last?.hasPrefix("0 errors, 0 warnings") == true)
        // Languages no voice reads are named, at their line of languages.yaml, as notes (issue #19).
        let notes = outcome.rows.filter { $0.contains(": note: ") }
        #expect(notes.count == 2 && notes.allSatisfy { $0.contains("Locales/languages.yaml:") && $0.contains("has no voice") }, "\(notes)")
        #expect(notes.contains { $0.contains("'ps'") } && notes.contains { $0.contains("'ti'") })
    }

    @Test func statusExtractAndUpdate() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-tr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: AtelierProcess.packageRoot.appendingPathComponent(Self.broken), to: scratch)
        // The broken parts that update refuses to touch go first.
        try FileManager.default.removeItem(at: scratch.appendingPathComponent("Locales/ru.po"))
        try FileManager.default.removeItem(at: scratch.appendingPathComponent("Lessons/demo/xx.po"))
        let options = ["--lessons", scratch.path + "/Lessons", "--locales", scratch.path + "/Locales"]

        let status = try AtelierProcess.run(["translations", "status", "--format", "json", "--lang", "ar"] + options)
        #expect(status.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: status.standardOutput) as? [[String: Any]])
        let demo = try #require((rows.first?["modules"] as? [String: Any])?["demo"] as? [String: Int])
        #expect(demo["translated"] == 3 && demo["stale"] == 1 && demo["missing"] == 7 && demo["percent"] == 27)

        let extract = try AtelierProcess.run(["translations", "extract", "--out", scratch.path + "/pot"] + options)
        #expect(extract.status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/pot/demo.pot"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/pot/interface.pot"))

        let update = try AtelierProcess.run(["translations", "update"] + options)
        #expect(update.status == 0)
        // Three languages for each of the two modules that load, and the interface files: "created" for a file
        // that was missing, "updated" for one that changed (zh.po of the interface gains its #: references).
        let expected = [("updated", "Lessons/demo/ar"), ("created", "Lessons/demo/zh"), ("created", "Lessons/demo/ru"),
                        ("created", "Locales/ar"), ("updated", "Locales/zh"), ("created", "Locales/ru"),
                        ("created", "Lessons/loops/ar"), ("created", "Lessons/loops/zh"), ("created", "Lessons/loops/ru")]
        #expect(update.rows == expected.map { "\($0.0) \(scratch.path)/\($0.1).po" } + ["7 files created, 2 updated"])
        let again = try AtelierProcess.run(["translations", "update"] + options)
        #expect(again.rows == ["0 files created, 0 updated"])
        let ar = try String(contentsOfFile: scratch.path + "/Lessons/demo/ar.po", encoding: .utf8)
        #expect(ar.contains("#, fuzzy\n#| msgctxt \"q1/choices/bank\"\n#| msgid \"La banque ancienne\"\nmsgctxt \"q1/choices/bank\"\nmsgid \"La banque\"\nmsgstr \"البنك\""))
    }
}
