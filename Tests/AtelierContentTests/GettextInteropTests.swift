import Foundation
import Testing
@testable import AtelierContent

/// Our PO and POT files must work in translators' tools: GNU msgfmt (Debian's gettext) checks them.
@Suite("gettext interop", .serialized)
struct GettextInteropTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func msgfmtCheck(_ path: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/msgfmt")
        process.arguments = ["--check", "-o", "/dev/null", path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func templatesAndMergedTranslationsOfTheBundledContentPassMsgfmtCheck() throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt"), "install gettext (make deps)")
        let report = ContentLinter.run(ContentRepository(lessons: Self.root.path + "/Lessons", locales: Self.root.path + "/Locales"),
                                       today: CalendarDate(year: 2026, month: 12, day: 6)!)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-po-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var checked = 0
        for (name, units) in report.texts {
            #expect(!units.isEmpty)
            let date = CalendarDate(year: 2026, month: 11, day: 29)!
            let pot = scratch.appendingPathComponent("\(name).pot").path
            try POWriter.write(TranslationWorkflow.template(project: "atelier \(name)", units: units, date: date))
                .write(toFile: pot, atomically: true, encoding: .utf8)
            // A translation in progress: half the texts translated, one changed since (fuzzy, #| msgid).
            var translated = TranslationWorkflow.merge(POFile(), units: units, project: "atelier \(name)", language: "ar", date: date)
            for index in translated.entries.indices where index % 2 == 0 {
                translated.entries[index].strings = [units[index].source.hasSuffix("\n") ? "ترجمة\n" : "ترجمة"]
            }
            let changed = units.enumerated().map { index, unit in
                index == 0 ? TranslationUnit(context: unit.context, source: unit.source + " (modifié)", location: unit.location) : unit
            }
            translated = TranslationWorkflow.merge(translated, units: changed, project: "atelier \(name)", language: "ar", date: date)
            let po = scratch.appendingPathComponent("\(name).ar.po").path
            try POWriter.write(translated).write(toFile: po, atomically: true, encoding: .utf8)
            for path in [pot, po] {
                let (status, output) = try Self.msgfmtCheck(path)
                #expect(status == 0, "\(path): \(output)")
                // A template has no language by nature: msgfmt's only remark on it is that one.
                let remarks = output.split(separator: "\n").filter { !$0.contains("header field 'Language'") || path == po }
                #expect(remarks.isEmpty, "\(path): \(output)")
                checked += 1
            }
        }
        #expect(checked >= 8)
    }
}
