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
        let started = Date()
        let diagnostics = Self.lint([UInt8](repeating: 0x61, count: 50 * 1024 * 1024))
        #expect(diagnostics == ["m.yaml:1:1: error: file is 51200 KiB; a content file may be at most 2 MiB"])
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func aliasBomb() {
        var yaml = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "id: bomb\nsteps: *l9\n"
        let started = Date()
        let diagnostics = Self.lint(Array(yaml.utf8))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(diagnostics == ["m.yaml:1:4: error: anchors and aliases (&name, *name) are not allowed in content files"])
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

    @Test func anUnterminatedPOString() {
        let (_, diagnostics) = POReader.read(bytes: Array("msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"sans fin\n".utf8), path: "ar.po")
        #expect(diagnostics.map(\.description) == ["ar.po:3:8: error: unterminated string"])
    }

    @Test func aBinaryPOFile() {
        let (_, diagnostics) = POReader.read(bytes: [0xDE, 0x12, 0x04, 0x95, 0x00], path: "ar.po")
        #expect(diagnostics.map(\.description) == ["ar.po:1:1: error: not valid UTF-8 (byte offset 0); save the file as UTF-8"])
    }
}
