import Foundation
import Testing
@testable import AtelierContent

/// One rule for valid content (issue #20): every kind of error lint finds in a module makes the loader that the
/// kiosk, `atelier preview` and the quiz share leave the module out, with the error's place.
@Suite("One validity rule")
struct OneValidityRuleTests {
    /// The worked example of docs/lesson-format.md and its facts: a valid module to break one way at a time.
    static func example() throws -> (module: String, facts: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/lesson-format.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```yaml\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        let factsStart = try #require(doc.range(of: "```yaml\nfacts:", range: end.upperBound..<doc.endIndex))
        let factsEnd = try #require(doc.range(of: "\n```", range: factsStart.upperBound..<doc.endIndex))
        return (String(doc[start.upperBound..<end.lowerBound]) + "\n",
                "facts:" + String(doc[factsStart.upperBound..<factsEnd.lowerBound]) + "\n")
    }

    /// One way to break the module: a text to find in it and what to put instead.
    static let breaks: [(String, String, String)] = [
        ("a when naming a later step", "    when: {step: where, correct: false}", "    when: {step: my-date, correct: false}"),
        ("a when with an unknown option", "    when: {step: where, correct: false}", "    when: {step: late, chose: maybe}"),
        ("an unknown prerequisite", "prerequisites: []", "prerequisites: [cooperatives-101]"),
        ("a dangling next", "    next: attestation\n", "    next: attestations\n"),
        ("a duplicate step id", "  - id: my-date", "  - id: where"),
        ("an unknown answer", "    answer: anef\n", "    answer: anef2\n"),
        ("an unknown glossary term", "    glossary: [titre de séjour]", "    glossary: [titre de sejour]"),
        ("an unknown fact", "{fact.late-renewal-fee}", "{fact.late-fee}"),
        ("an amount written by hand", "coûte {fact.late-renewal-fee} de plus", "coûte 180 € de plus"),
        ("an unknown field", "    hint: \"C'est un site internet de l'État.\"", "    hnit: \"C'est un site internet de l'État.\""),
        ("a YAML alias", "prerequisites: []", "prerequisites: &p []\nother: *p"),
        ("a step type that does not exist", "    type: reflection", "    type: reflexion"),
        ("a module id that is not its folder", "id: renouveler-son-titre", "id: renouveler"),
    ]

    @Test(arguments: breaks)
    func everyLintErrorLeavesTheModuleOutOfEveryLoader(name: String, find: String, replace: String) throws {
        let (valid, facts) = try Self.example()
        #expect(valid.contains(find), "\(name): the example changed")
        let broken = valid.replacingOccurrences(of: find, with: replace)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-rule-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/Lessons/renouveler-son-titre", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Locales", withIntermediateDirectories: true)
        try broken.write(toFile: root + "/Lessons/renouveler-son-titre/module.yaml", atomically: true, encoding: .utf8)
        try facts.write(toFile: root + "/Lessons/facts.yaml", atomically: true, encoding: .utf8)
        try "languages:\n  - code: fr\n    status: source\n".write(toFile: root + "/Locales/languages.yaml", atomically: true, encoding: .utf8)
        let repository = ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales")

        let lint = ContentLinter.run(repository, today: CalendarDate(year: 2026, month: 12, day: 6)!)
        let lintErrors = lint.diagnostics.filter { $0.severity == .error && $0.location.path.hasSuffix("module.yaml") }
        #expect(!lintErrors.isEmpty, "\(name): lint found nothing")

        let loaded = KioskContent.loadCheckedModules(repository)
        #expect(loaded.modules.isEmpty, "\(name): a module lint refuses reached the loader's modules")
        #expect(!loaded.refused.isEmpty, "\(name): refused without a word")
        // The loader says where, as lint does: at least one of lint's errors, at the same place.
        #expect(Set(loaded.refused.map(\.location)).intersection(lintErrors.map(\.location)).isEmpty == false,
                "\(name): \(loaded.refused) vs \(lintErrors)")
        #expect(KioskContent.load(repository).modules.isEmpty)
    }

    @Test func theValidExampleLoads() throws {
        let (valid, facts) = try Self.example()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-rule-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/Lessons/renouveler-son-titre", withIntermediateDirectories: true)
        try valid.write(toFile: root + "/Lessons/renouveler-son-titre/module.yaml", atomically: true, encoding: .utf8)
        try facts.write(toFile: root + "/Lessons/facts.yaml", atomically: true, encoding: .utf8)
        let loaded = KioskContent.loadCheckedModules(ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"))
        #expect(loaded.modules.count == 1 && loaded.refused.isEmpty, "\(loaded.refused)")
    }
}
