import Foundation
import Testing
@testable import AtelierContent

@Suite("Translation workflow")
struct TranslationWorkflowTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 29)!
    static let here = SourceLocation(path: "module.yaml", line: 1, column: 1)

    static func unit(_ context: String, _ source: String, terms: [String] = []) -> TranslationUnit {
        TranslationUnit(context: context, source: source, location: here, glossaryTerms: terms)
    }

    @Test func mergeFollowsMsgmerge() throws {
        let existing = """
        msgid ""
        msgstr ""
        "Language: ar\\n"

        # checked by Amina
        msgctxt "kept"
        msgid "Bonjour"
        msgstr "مرحبا"

        msgctxt "changed"
        msgid "La CAF paie."
        msgstr "تدفع CAF."

        msgctxt "removed"
        msgid "Au revoir"
        msgstr "وداعا"

        msgctxt "empty-removed"
        msgid "Rien"
        msgstr ""

        """
        let (file, problems) = POReader.read(existing, path: "ar.po")
        #expect(problems.isEmpty)
        let units = [Self.unit("kept", "Bonjour"), Self.unit("changed", "La CAF verse des aides.", terms: ["CAF"]),
                     Self.unit("new", "Nouveau texte")]
        let merged = TranslationWorkflow.merge(file, units: units, project: "atelier demo 2", language: "ar", date: Self.date)
        let expected = """
        msgid ""
        msgstr "Language: ar\\n"

        # checked by Amina
        #: module.yaml:1
        msgctxt "kept"
        msgid "Bonjour"
        msgstr "مرحبا"

        #. Keep in French: CAF
        #: module.yaml:1
        #, fuzzy
        #| msgctxt "changed"
        #| msgid "La CAF paie."
        msgctxt "changed"
        msgid "La CAF verse des aides."
        msgstr "تدفع CAF."

        #: module.yaml:1
        msgctxt "new"
        msgid "Nouveau texte"
        msgstr ""

        #~ msgctxt "removed"
        #~ msgid "Au revoir"
        #~ msgstr "وداعا"

        """
        #expect(POWriter.write(merged) == expected)
        // Merging again changes nothing, and reviving an obsolete text brings its translation back.
        #expect(POWriter.write(TranslationWorkflow.merge(merged, units: units, project: "atelier demo 2", language: "ar",
                                                          date: Self.date)) == expected)
        let revived = TranslationWorkflow.merge(merged, units: units + [Self.unit("removed", "Au revoir")],
                                                project: "atelier demo 2", language: "ar", date: Self.date)
        #expect(revived.entry(context: "removed")?.string == "وداعا")
        #expect(revived.entries.filter(\.isObsolete).isEmpty)
    }

    @Test func aTemplateHasEveryTextAndAHeader() {
        let template = TranslationWorkflow.template(project: "atelier demo 1", units: [
            Self.unit("a/body", "La CAF verse des aides.", terms: ["CAF"]), Self.unit("a/accept", "CAF | caisse"),
        ], date: Self.date)
        let text = POWriter.write(template)
        #expect(text.hasPrefix("#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: atelier demo 1\\n\"\n\"PO-Revision-Date: 2026-11-29 00:00+0000\\n\""))
        #expect(text.contains("#. Keep in French: CAF\n#: module.yaml:1\nmsgctxt \"a/body\"\nmsgid \"La CAF verse des aides.\"\nmsgstr \"\"\n"))
        #expect(text.contains("#. Accepted answers, separated by ' | '."))
    }

    /// The bit-parallel common subsequence equals the textbook one, on texts longer than a machine word too.
    @Test func theCommonSubsequenceIsTheTextbookOne() {
        func textbook(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0..<a.count { for j in 0..<b.count {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            } }
            return table[a.count][b.count]
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcé ".utf8)
        for _ in 0..<300 {
            let a = (0..<Int.random(in: 0...150, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...150, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(CommonSubsequence(a).length(with: b) == textbook(a, b), "\(a) / \(b)")
        }
        #expect(Similarity.ratio(Array("La CAF paie.".utf8), Array("La CAF paie.".utf8)) == 1)
        #expect(Similarity.ratio(Array("abc".utf8), Array("xyz".utf8)) == 0)
    }
}
