import Foundation
import Testing
@testable import AtelierContent

/// Files nobody should write, that lint must survive: each gets a diagnostic with its position, in bounded
/// time and memory, and nothing crashes.
@Suite("Bad input")
struct BadInputTests {
    static func lint(_ bytes: [UInt8]) -> [String] {
        ModuleLoader.load(bytes: bytes, path: "m.yaml").diagnostics.map(\.description)
    }

    @Test func binaryFile() {
        #expect(Self.lint([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]) ==
                ["m.yaml:1:1: error: not valid UTF-8 (byte offset 0); save the file as UTF-8"])
        #expect(Self.lint(Array("id: x\n\u{0}\u{0}".utf8)) ==
                ["m.yaml:2:1: error: a NUL byte: this looks like a binary file, not text"])
    }

    @Test func invalidUTF8() {
        #expect(Self.lint(Array("id: x\ntitle: \"caf".utf8) + [0xE9] + Array("\"\n".utf8)) ==
                ["m.yaml:2:12: error: not valid UTF-8 (byte offset 17); save the file as UTF-8"])
    }

    @Test func fiftyMegabytes() {
        // Refused by its size before any parsing (how fast is the benchmark's business, not a unit test's).
        let diagnostics = Self.lint([UInt8](repeating: 0x61, count: 50 * 1024 * 1024))
        #expect(diagnostics == ["m.yaml:1:1: error: file is 51200 KiB; a content file may be at most 2 MiB"])
    }

    @Test func aliasBomb() {
        var yaml = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "id: bomb\nsteps: *l9\n"
        // The first anchor is refused and the walk stops there, before any of the 9^9 aliased copies.
        let diagnostics = Self.lint(Array(yaml.utf8))
        #expect(diagnostics == ["m.yaml:1:4: error: anchors and aliases (&a, *a) are not allowed in content files: write the text again where it is needed"])
    }

    @Test func tenThousandDeepFlowNesting() {
        let yaml = "id: deep\nsteps: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(Self.lint(Array(yaml.utf8)) == ["m.yaml:2:72: error: nesting deeper than 64 levels"])
    }

    @Test func tenThousandDeepBlockNesting() {
        func nested(_ levels: Int) -> [UInt8] {
            var yaml = "id: deep\nsteps:\n"
            for depth in 0..<levels { yaml += String(repeating: " ", count: depth) + "- \n" }
            return Array(yaml.utf8)
        }
        // 10,000 levels of block indentation take 50 MB: refused for their size before anything else.
        #expect(Self.lint(nested(10_000)) == ["m.yaml:1:1: error: file is 48852 KiB; a content file may be at most 2 MiB"])
        #expect(Self.lint(nested(1_000)) == ["m.yaml:515:514: error: nesting deeper than 64 levels"])
    }

    @Test func deepNestingOnOneLine() {
        let yaml = "id: deep\nsteps:\n" + String(repeating: "- ", count: 10_000) + "x\n"
        #expect(Self.lint(Array(yaml.utf8)) == ["m.yaml:3:129: error: nesting deeper than 64 levels"])
    }

    @Test func duplicateKeys() {
        let yaml = "id: a\ntitle: \"Un\"\ntitle: \"Deux\"\n"
        #expect(Self.lint(Array(yaml.utf8)) == ["m.yaml:2:1: error: duplicate key 'title' in one mapping"])
    }

    @Test func apostrophesInProseDoNotHideNesting() {
        let yaml = "id: x\ntitle: l'activité\nsteps: " + String(repeating: "[", count: 100) + "\n"
        #expect(Self.lint(Array(yaml.utf8)) == ["m.yaml:3:72: error: nesting deeper than 64 levels"])
    }

    @Test func anchorsInBlockTextAndQuotesAreJustText() {
        let yaml = """
        id: x
        title: "Un *titre* & co"
        summary: |
          - *important* & utile
          [ [ [ [
        minutes: 5
        """
        #expect(!Self.lint(Array(yaml.utf8)).contains { $0.contains("anchors") || $0.contains("nesting") })
    }

    /// Valid YAML that the old text scan refused (issue #20): a `*` or `&` in prose is text; only the
    /// parser says where an anchor, an alias, a tag or a merge key really is.
    @Test(arguments: [
        "summary: Deux types - *CDI* et CDD\n",
        "summary: les associés, *x et les autres\n",
        "summary: Tom & Jerry, &co\n",
        "prerequisites:\n  - a&x\n",
        "\u{FEFF}summary: un fichier qui commence par un BOM\n",
    ])
    func proseWithStarsAndAmpersandsIsText(_ extra: String) {
        let yaml = extra.hasPrefix("\u{FEFF}") ? "\u{FEFF}id: x\n" + extra.dropFirst() : "id: x\n" + extra
        let diagnostics = Self.lint(Array(yaml.utf8))
        #expect(!diagnostics.contains { $0.contains("anchor") || $0.contains("tag") || $0.contains("merge") || $0.contains(":2:1:") && $0.contains("BOM") },
                "\(diagnostics)")
        #expect(!diagnostics.contains { $0.contains("yaml-syntax") || $0.contains("m.yaml:2:1: error") && !$0.contains("has no") }, "\(diagnostics)")
    }

    @Test(arguments: [
        ("id: x\nprerequisites:\n  - &p coop-basics\n  - *p\n", "m.yaml:3:5: error: anchors and aliases (&p, *p)"),
        ("id: x\nminutes: !!int 5\n", "m.yaml:2:10: error: tags such as '!!int' are not allowed"),
        ("id: x\ntitle: !fr Bonjour\n", "m.yaml:2:8: error: tags such as '!fr' are not allowed"),
        ("id: x\nglossary:\n  <<: {a: b}\n", "m.yaml:3:3: error: merge keys (<<) are not allowed"),
    ])
    func anchorsTagsAndMergeKeysAreRefusedWhereTheyAre(_ yaml: String, _ expected: String) {
        let diagnostics = Self.lint(Array(yaml.utf8))
        #expect(diagnostics.first?.hasPrefix(expected) == true, "\(diagnostics)")
    }

    @Test func anUnterminatedPOString() {
        let (_, diagnostics) = POReader.read(bytes: Array("msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"sans fin\n".utf8), path: "ar.po")
        #expect(diagnostics.map(\.description) == ["ar.po:3:8: error: unterminated string"])
    }

    @Test func aBinaryPOFile() {
        let (_, diagnostics) = POReader.read(bytes: [0xDE, 0x12, 0x04, 0x95, 0x00], path: "ar.po")
        #expect(diagnostics.map(\.description) == ["ar.po:1:1: error: not valid UTF-8 (byte offset 0); save the file as UTF-8"])
    }
}
