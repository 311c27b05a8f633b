import Foundation
import Testing
@testable import AtelierContent

/// The worked example of docs/lesson-format.md is a real module: it must pass lint as written.
@Suite("Documentation")
struct LessonFormatDocTests {
    @Test func theWorkedExampleIsLintClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/lesson-format.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```yaml\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        let yaml = String(doc[start.upperBound..<end.lowerBound]) + "\n"
        let id = try #require(yaml.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        // The second block is the facts file the example refers to.
        let factsStart = try #require(doc.range(of: "```yaml\nfacts:", range: end.upperBound..<doc.endIndex))
        let factsEnd = try #require(doc.range(of: "\n```", range: factsStart.upperBound..<doc.endIndex))
        let facts = "facts:" + String(doc[factsStart.upperBound..<factsEnd.lowerBound]) + "\n"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-doc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("Lessons/\(id)"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("Locales"), withIntermediateDirectories: true)
        try yaml.write(to: scratch.appendingPathComponent("Lessons/\(id)/module.yaml"), atomically: true, encoding: .utf8)
        try facts.write(to: scratch.appendingPathComponent("Lessons/facts.yaml"), atomically: true, encoding: .utf8)
        try "languages:\n  - code: fr\n    status: source\n".write(to: scratch.appendingPathComponent("Locales/languages.yaml"),
                                                                   atomically: true, encoding: .utf8)
        let report = ContentLinter.run(ContentRepository(lessons: scratch.path + "/Lessons", locales: scratch.path + "/Locales"),
                                       today: CalendarDate(year: 2026, month: 12, day: 6)!)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let module = try #require(report.modules.first)
        #expect(Set(module.steps.map(\.content.kind)) == ["text", "choice", "truefalse", "input", "scenario", "match", "order", "reflection"])
    }
}
