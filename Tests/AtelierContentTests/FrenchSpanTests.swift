import AtelierText
import Foundation
import Testing
@testable import AtelierContent

/// Words kept in French anywhere in a lesson text, `{fr:…}` (issue #20): shown without the marks, kept by every
/// translation, listed for translators, and a mark left open is refused at its place.
@Suite("Words kept in French")
struct FrenchSpanTests {
    @Test(arguments: [
        ("Demandez un {fr:accusé de réception}.", "Demandez un accusé de réception.", ["accusé de réception"]),
        ("{fr:CAF} et {fr: CPAM }", "CAF et CPAM", ["CAF", "CPAM"]),
        ("Sans marque", "Sans marque", []),
        ("Un {fr:} vide et un {fact.x}", "Un {fr:} vide et un {fact.x}", []),
        ("اطلب {fr:accusé de réception} (إشعار بالاستلام)", "اطلب accusé de réception (إشعار بالاستلام)", ["accusé de réception"]),
    ])
    func shownWithoutMarks(_ text: String, _ shown: String, _ words: [String]) {
        #expect(FrenchSpan.plain(text) == shown)
        #expect(FrenchSpan.words(in: text) == words)
    }

    @Test(arguments: [("Un {fr:accusé", 3), ("Un {fr:} vide", 3), ("{fr:a} puis {fr:b {fr:c}", 12), ("{fr:a}", nil)])
    func anOpenMarkIsFound(_ text: String, _ offset: Int?) {
        #expect(FrenchSpan.unclosed(in: text) == offset)
    }

    static let unit = TranslationUnit(context: "s/body", source: "Demandez un {fr:accusé de réception} à la {fr:CAF}.",
                                      location: SourceLocation(path: "module.yaml", line: 3, column: 11), glossaryTerms: [])

    @Test(arguments: [
        ("اطلب {fr:accusé de réception} (إشعار بالاستلام) من {fr:CAF}.", nil),
        ("اطلب {fr:CAF} و {fr:accusé de réception}.", nil),
        ("اطلب accusé de réception من {fr:CAF}.", "missing {fr:accusé de réception}"),
        ("اطلب {fr:accusé de reception} من {fr:CAF}.", "not in the French: {fr:accusé de reception}"),
    ])
    func aTranslationKeepsEverySpan(_ translated: String, _ problem: String?) {
        let po = "msgctxt \"s/body\"\nmsgid \"\(Self.unit.source)\"\nmsgstr \"\(translated)\"\n"
        let (file, _) = POReader.read(po, path: "ar.po")
        let result = TranslationChecker.check(file, path: "ar.po", units: [Self.unit], language: .fromICU(code: "ar"))
        let spans = result.diagnostics.filter { $0.code == "french-spans" }
        if let problem {
            #expect(spans.count == 1 && spans[0].severity == .error && spans[0].message.contains(problem), "\(result.diagnostics)")
        } else {
            #expect(spans.isEmpty && !result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        }
    }

    @Test func translatorsSeeWhatToKeep() {
        let entry = TranslationWorkflow.entry(for: Self.unit)
        #expect(entry.extractedComments == ["Keep in French: accusé de réception, CAF"])
    }

    /// In a module: the participant reads the words without marks; an open mark is refused at its line.
    @Test func inAModule() throws {
        let module = """
        id: m
        version: 1
        title: "Titre"
        summary: "Résumé"
        minutes: 5
        level: A2
        sources: []
        prerequisites: []
        glossary: {}
        steps:
          - id: s
            type: text
            body: "Demandez un {fr:accusé de réception}."
          - id: t
            type: text
            body: "Un {fr:récépissé oublié."

        """
        let loaded = ModuleLoader.load(bytes: Array(module.utf8), path: "m/module.yaml")
        let open = loaded.diagnostics.filter { $0.code == "french-span" }
        #expect(open.count == 1 && open[0].location.line == 16 && open[0].location.column == 15, "\(loaded.diagnostics)")
        let text = LessonText(module: try #require(loaded.module), texts: loaded.texts, language: .fromICU(code: "fr"), translated: [:])
        #expect(text.text(.step("s", .body)) == "Demandez un accusé de réception.")
    }
}
