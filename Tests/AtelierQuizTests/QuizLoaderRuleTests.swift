import AtelierContent
import AtelierTestSupport
import Foundation
import Testing
@testable import AtelierQuiz

/// The quiz's loader applies lint's rule, whole (issue #20): a module with any lint error never starts a game,
/// and the facilitator is told why, with file:line:column.
@Suite("The quiz refuses what lint refuses")
struct QuizLoaderRuleTests {
    @Test(arguments: ValidityBreaks.breaks.map { [$0.name, $0.find, $0.replace] })
    func aModuleWithALintErrorStartsNoGame(_ row: [String]) throws {
        let (valid, facts) = try ValidityBreaks.example()
        let folders = try ValidityBreaks.repository(valid.replacingOccurrences(of: row[1], with: row[2]), facts: facts)
        defer { try? FileManager.default.removeItem(atPath: folders.root) }
        let result = QuizContent.load(repository: ContentRepository(lessons: folders.lessons, locales: folders.locales),
                                      module: "renouveler-son-titre")
        guard case .failure(.refused(let id, let reasons)) = result else {
            Issue.record("\(row[0]): \(result)")
            return
        }
        #expect(id == "renouveler-son-titre")
        #expect(!reasons.isEmpty && reasons.allSatisfy { $0.severity == .error && $0.location.line >= 1 }, "\(row[0])")
    }

    @Test func theValidExampleStartsAGame() throws {
        let (valid, facts) = try ValidityBreaks.example()
        let folders = try ValidityBreaks.repository(valid, facts: facts)
        defer { try? FileManager.default.removeItem(atPath: folders.root) }
        let result = QuizContent.load(repository: ContentRepository(lessons: folders.lessons, locales: folders.locales),
                                      module: "renouveler-son-titre")
        guard case .success(let content) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(content.questions.count == 2)
    }
}
