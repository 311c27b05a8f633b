import AtelierContent
import AtelierEngine
import AtelierText
import Testing
@testable import AtelierTerminal

/// Every string that reaches the screen goes through the sanitiser: lesson text, translations, pseudonyms.
@Suite("Hostile text on screen")
struct HostileTextTests {
    static let hostile = [
        "clear \u{1B}[2J", "clipboard \u{1B}]52;c;SGVsbG8=\u{7}", "link \u{1B}]8;;http://x\u{1B}\\here\u{1B}]8;;\u{1B}\\",
        "csi \u{9B}31m", "override \u{202E}olleh", "isolate \u{2067}x\u{2069}", "bell \u{7}\u{0}",
    ]

    static func clean(_ screen: Screen) -> Bool {
        screen.rows.allSatisfy { row in
            !row.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value) }
        }
    }

    @Test func translationsAndPseudonymsCannotDriveTheTerminal() throws {
        let content = GoldenScreenTests.content
        let entry = try #require(content.modules.first { $0.module.id == "coop-basics" })
        let language = try #require(content.languages.first { $0.code == "ar" })
        let strings = content.strings(language)
        let style = TerminalStyle(width: 60, height: 20, plain: false, color: false, bidi: .app)
        for attack in Self.hostile {
            // A translation file with an escape sequence in every text.
            var table: [String: String] = [:]
            for unit in entry.texts { table[unit.context] = attack + " " + unit.source }
            let text = LessonText(module: entry.module, texts: entry.texts, language: language, translated: table)
            let engine = LessonEngine(content: LessonContent(module: entry.module))
            var state = engine.initialState()
            _ = engine.reduce(&state, .started(language: "ar", seed: 3, previous: nil, at: Instant(milliseconds: 0)))
            for step in entry.module.steps.prefix(6) {
                state.currentStep = step.id
                state.showFrench = true
                #expect(Self.clean(KioskRenderer.step(state, text: text, strings: strings, style: style, glossaryOpen: true)), "\(attack)")
            }
            let catalogue = KioskRenderer.catalogue(modules: [(entry.module, attack, nil)], name: "Amina" + attack,
                                                    strings: strings, style: style)
            #expect(Self.clean(catalogue), "\(attack)")
            #expect(Self.clean(KioskRenderer.menu(title: attack, options: [attack], footer: attack, strings: strings, style: style)))
        }
    }

    @Test func lintRefusesTheSameStringsInContentFiles() {
        for attack in Self.hostile {
            let yaml = """
            id: x
            version: 1
            title: "\(attack.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? String(format: "\\u%04X", $0.value) : $0 == "\\" ? "\\\\" : String($0) }.joined())"
            summary: "s"
            minutes: 5
            level: A2
            sources: [{title: "S", url: "https://example.org", checked: 2026-11-20}]
            steps:
              - {id: a, type: text, body: "b"}
            """
            let diagnostics = ModuleLoader.load(bytes: Array(yaml.utf8), path: "x.yaml").diagnostics
            #expect(diagnostics.contains { $0.code == "control-characters" }, "\(attack): \(diagnostics)")
        }
    }
}
