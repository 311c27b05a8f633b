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

    /// Octal and hexadecimal escapes are read as msgfmt reads them (issue #20): each string goes through GNU
    /// msgexec, which prints msgfmt's reading of every translation, and through our reader.
    @Test(arguments: [#"\101\x42\103d"#, #"\x41z"#, #"\1234"#, #"\303\251t\303\251"#, #"tab\there\n"#, #"\60\061"#, #"\x7e\176"#])
    func escapesAreReadAsMsgfmtReadsThem(_ escaped: String) throws {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"\(escaped)\"\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-escape-\(UUID().uuidString).po")
        try po.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/msgexec")
        process.arguments = ["-i", file.path, "0"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // msgexec prints the header's translation, then ours, each followed by a NUL byte.
        let parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
        let theirs = try #require(parts.count >= 2 ? String(decoding: parts[1], as: UTF8.self) : nil)
        let (read, diagnostics) = POReader.read(po, path: "e.po")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(read.entries.first?.string == theirs)
    }

    /// Where msgfmt would silently keep only the low byte ("\x41b" becomes ESC), our reader says why.
    @Test(arguments: [(#"\x41b"#, "e.po:6:9: error: the hexadecimal escape is larger than a byte (at most \\xff)"),
                      (#"\x"#, "e.po:6:9: error: '\\x' must be followed by hexadecimal digits"),
                      (#"\377"#, "e.po:6:8: error: the escapes in this string do not make UTF-8 text")])
    func escapesMsgfmtWouldMangleAreRefused(_ escaped: String, _ message: String) {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"\(escaped)\"\n"
        let (_, diagnostics) = POReader.read(po, path: "e.po")
        #expect(diagnostics.map(\.description) == [message])
    }

    /// Our `translations update` agrees with GNU `msgmerge --previous` on the four modules' history (issue #20):
    /// translation files as they were before the December 2026 corrections (Fixtures/msgmerge, one language
    /// per module), merged with today's French. Same entries translated, fuzzy or empty, same translations,
    /// same previous French and context, same obsolete entries.
    @Test(arguments: ["french-administration.ar", "coop-basics.ar", "cae-status.ti", "intercultural-codes.zh"])
    func updateAgreesWithMsgmergeOnTheModulesHistory(_ name: String) throws {
        let module = String(name.split(separator: ".")[0])
        let loaded = ModuleLoader.load(path: Self.root.path + "/Lessons/\(module)/module.yaml")
        #expect(!loaded.texts.isEmpty)
        let fixture = Self.root.appendingPathComponent("Tests/AtelierContentTests/Fixtures/msgmerge/\(name).po")
        let (old, problems) = POReader.read(bytes: [UInt8](try Data(contentsOf: fixture)), path: fixture.path)
        #expect(problems.isEmpty)
        let date = CalendarDate(year: 2026, month: 12, day: 6)!
        let ours = TranslationWorkflow.merge(old, units: loaded.texts, project: module, language: "xx", date: date)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-msgmerge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let template = scratch.appendingPathComponent("new.pot")
        try POWriter.write(TranslationWorkflow.template(project: module, units: loaded.texts, date: date))
            .write(to: template, atomically: true, encoding: .utf8)
        let output = scratch.appendingPathComponent("out.po")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/msgmerge")
        process.arguments = ["--previous", "--quiet", "-o", output.path, fixture.path, template.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let (theirs, theirProblems) = POReader.read(bytes: [UInt8](try Data(contentsOf: output)), path: output.path)
        #expect(theirProblems.isEmpty)

        struct Outcome: Equatable, CustomStringConvertible {
            var string: String, fuzzy: Bool, previousContext: String?, previousID: String?
            var description: String { "\(fuzzy ? "fuzzy " : "")\(string.prefix(30)) #| \(previousContext ?? "-") \(previousID?.prefix(40) ?? "-")" }
        }
        func outcomes(_ file: POFile) -> [String: Outcome] {
            Dictionary(file.entries.filter { !$0.isObsolete }.map {
                ($0.context ?? "", Outcome(string: $0.string, fuzzy: $0.isFuzzy, previousContext: $0.isFuzzy ? $0.previousContext : nil,
                                           previousID: $0.isFuzzy ? $0.previousID : nil))
            }, uniquingKeysWith: { a, _ in a })
        }
        func obsolete(_ file: POFile) -> Set<String> {
            Set(file.entries.filter(\.isObsolete).map { ($0.context ?? "") + " | " + $0.id })
        }
        let mine = outcomes(ours), gnu = outcomes(theirs)
        #expect(Set(mine.keys) == Set(gnu.keys))
        var differences: [String] = []
        for (context, outcome) in gnu.sorted(by: { $0.key < $1.key }) where mine[context] != outcome {
            differences.append("\(context): msgmerge \(outcome) / ours \(mine[context].map(\.description) ?? "none")")
        }
        #expect(differences.isEmpty, "\(differences.count) differences:\n\(differences.prefix(12).joined(separator: "\n"))")
        #expect(obsolete(ours) == obsolete(theirs), "obsolete: \(obsolete(ours).symmetricDifference(obsolete(theirs)).sorted().prefix(8))")
        // The corpus exercises every case: kept, fuzzy (some from another context), new and obsolete.
        #expect(gnu.values.contains { $0.fuzzy } && gnu.values.contains { $0.string.isEmpty } && !obsolete(theirs).isEmpty)
    }
}
