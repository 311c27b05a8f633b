import Foundation
import Testing

/// The layers (docs/architecture.md; issue #21): Text ← Content ← Engine ← {Store, Terminal, Quiz} ← atelier, with
/// Speech beside the engine (Text, Content) for the terminal and the quiz host, and Sync above the store. The terminal and the quiz
/// reach the data file through the engine's protocols (KioskRecords, QuizRecords), never the store itself. A source
/// file that imports against that order fails here, with its name.
@Suite("Layers")
struct LayerTests {
    /// What each library target may import (Atelier modules and C shims); the executables may import all.
    static let allowed: [String: Set<String>] = [
        "AtelierText": ["CAtelierICU"],
        "AtelierContent": ["AtelierText"],
        "AtelierEngine": ["AtelierText", "AtelierContent"],
        "AtelierStore": ["AtelierText", "AtelierContent", "AtelierEngine"],
        "AtelierSpeech": ["AtelierText", "AtelierContent", "CEspeak", "CSound"],
        "AtelierQuizProtocol": ["AtelierText"],
        "AtelierTerminal": ["AtelierText", "AtelierContent", "AtelierEngine", "AtelierSpeech", "AtelierLog", "CReadline"],
        "AtelierQuiz": ["AtelierText", "AtelierContent", "AtelierEngine", "AtelierQuizProtocol", "AtelierLog", "AtelierSpeech", "CQREncode"],
        "AtelierLog": [],
        "AtelierSync": ["AtelierText", "AtelierContent", "AtelierEngine", "AtelierStore"],
        "AtelierReportPage": ["AtelierText", "AtelierContent", "AtelierEngine", "AtelierStore"],
        "AtelierFuzzTargets": ["AtelierText", "AtelierContent", "AtelierQuizProtocol"],
    ]

    @Test func noSourceFileImportsAgainstTheLayers() throws {
        let sources = AtelierProcess.packageRoot.appendingPathComponent("Sources")
        var checked = 0
        var wrong: [String] = []
        for (target, permitted) in Self.allowed {
            let folder = sources.appendingPathComponent(target)
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            #expect(!files.isEmpty, "no sources for \(target)")
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                          words[..<index].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                    let module = words[index + 1]
                    guard module.hasPrefix("Atelier") || (module.hasPrefix("C") && module.dropFirst().first?.isUppercase == true) else { continue }
                    if !permitted.contains(module) { wrong.append("Sources/\(target)/\(file): import \(module)") }
                }
                checked += 1
            }
        }
        #expect(wrong.isEmpty, "imports against the layers:\n\(wrong.joined(separator: "\n"))")
        #expect(checked > 100)
    }
}
