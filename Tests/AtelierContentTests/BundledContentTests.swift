import Foundation
import Testing
@testable import AtelierContent

/// What the content issue asks of every bundled module, kept true as the modules change.
@Suite("Bundled modules")
struct BundledContentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test(arguments: ["french-administration", "coop-basics", "cae-status", "intercultural-codes"])
    func moduleMeetsTheBrief(id: String) throws {
        let loaded = ModuleLoader.load(path: "\(Self.root)/Lessons/\(id)/module.yaml")
        let module = try #require(loaded.module)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(module.steps.count >= 15)
        #expect(module.questions.count >= 8)
        #expect(Set(module.steps.map(\.content.kind)).count >= 4)
        #expect(Set(module.questions.map(\.content.kind)).count >= 4)
        #expect(module.glossary.count >= 10)
        #expect(!module.sources.isEmpty && module.sources.allSatisfy { $0.checked != nil })
        #expect(module.steps.contains { $0.quiz != nil })
        #expect(module.level == "A2")
        if id == "intercultural-codes" {
            let branching = module.steps.filter { step in
                if case .scenario(_, let options) = step.content { return Set(options.compactMap(\.next)).count >= 2 }
                return false
            }
            #expect(branching.count >= 2)
        }
    }
}
