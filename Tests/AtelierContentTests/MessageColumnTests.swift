import AtelierText
import Foundation
import Testing
@testable import AtelierContent

/// A MessageFormat error is reported at the exact line and column of the placeholder (issue #20), in a
/// translation file (where a text may run over several quoted lines and hold escapes) and in interface.yaml,
/// with words that say what to write.
@Suite("MessageFormat errors where they are")
struct MessageColumnTests {
    static let units = [TranslationUnit(context: "catalogue.minutes", source: "{minutes} min",
                                        location: SourceLocation(path: "interface.yaml", line: 1, column: 1), glossaryTerms: [])]

    @Test(arguments: [
        // One line: the unclosed brace is at column 9 of line 3 (msgstr "…" starts its text at column 9).
        ("msgctxt \"catalogue.minutes\"\nmsgid \"{minutes} min\"\nmsgstr \"{minutes min\"\n", 3, 9),
        // Over two lines: the second quoted line holds the broken placeholder.
        ("msgctxt \"catalogue.minutes\"\nmsgid \"{minutes} min\"\nmsgstr \"\"\n\"دقيقة \"\n\"{minutes, plural, one {} other {}\"\n", 5, 2),
        // An escape before it takes two columns in the file and one character in the text.
        ("msgctxt \"catalogue.minutes\"\nmsgid \"{minutes} min\"\nmsgstr \"\\\"x\\\" {minutes, plural, one {x}}\"\n", 3, 15),
    ])
    func inATranslationFile(_ po: String, _ line: Int, _ column: Int) throws {
        let (file, problems) = POReader.read(po, path: "ar.po")
        #expect(problems.isEmpty)
        let result = TranslationChecker.check(file, path: "ar.po", units: Self.units, language: .fromICU(code: "ar"))
        let syntax = result.diagnostics.filter { $0.code == "message-syntax" }
        #expect(syntax.count == 1, "\(result.diagnostics)")
        let found = try #require(syntax.first)
        #expect(found.location.line == line && found.location.column == column, "\(found)")
        // The message says what to do, not only ICU's name for the error.
        #expect(found.message.contains("{") && found.message.contains("ICU"), "\(found.message)")
    }

    @Test func aPOErrorColumnIsTheCharacterICUNames() throws {
        let po = "msgctxt \"catalogue.minutes\"\nmsgid \"{minutes} min\"\nmsgstr \"\\\"ab\\\" {minutes, plural, one {x}}\"\n"
        let (file, _) = POReader.read(po, path: "ar.po")
        let text = file.entries[0].string
        guard case .failure(let error) = MessageFormatter.check(text), let offset = MessageFormatter.locate(error, in: text) else {
            Issue.record("ICU accepted \(text)")
            return
        }
        let at = try #require(file.entries[0].stringSpans.position(ofOffset: offset))
        let lineText = po.split(separator: "\n", omittingEmptySubsequences: false)[at.line - 1]
        let scalars = Array(lineText.unicodeScalars)
        // Two escapes (\\") before the placeholder: one more column each in the file than in the text.
        let expected = offset + (offset >= 4 ? 2 : offset >= 1 ? 1 : 0)
        #expect(offset > 0 && at.line == 3 && at.column == 9 + expected, "offset \(offset): \(at) in \(lineText)")
        #expect(scalars.count >= at.column - 1)
    }

    @Test func inInterfaceYAML() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-iface-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "welcome.title: \"Bienvenue\"\ncatalogue.minutes: \"environ {minutes min\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (_, diagnostics) = InterfaceCatalog.load(path: path)
        let syntax = try #require(diagnostics.first { $0.code == "message-syntax" })
        // The value starts at column 20 (its quote), "environ " is 8 more: the brace is around column 29.
        #expect(syntax.location.line == 2 && syntax.location.column == 29, "\(syntax)")
        #expect(syntax.message.hasPrefix("'catalogue.minutes': "), "\(syntax.message)")
    }
}
