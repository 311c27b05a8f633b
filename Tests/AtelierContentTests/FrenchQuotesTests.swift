import AtelierText
import Testing
@testable import AtelierContent

/// French terms quoted inside a translated sentence stay with their guillemets when the sentence wraps
/// (issue #18: at 40 columns an Arabic fill-in showed "«" alone at a row's end, the French term cut from it).
@Suite("Guillemets keep their space")
struct FrenchQuotesTests {
    @Test(arguments: [
        ("Écrivez « ESS » en 3 lettres", "Écrivez «\u{00A0}ESS\u{00A0}» en 3 lettres"),
        ("كيف نكتب « économie sociale » ؟", "كيف نكتب «\u{00A0}économie sociale\u{00A0}» ؟"),
        ("Déjà «\u{00A0}liés\u{00A0}»", "Déjà «\u{00A0}liés\u{00A0}»"),
        ("Sans guillemets", "Sans guillemets"),
    ])
    func bound(_ text: String, _ expected: String) {
        #expect(LessonText.bindQuotes(text) == expected)
    }

    @Test func aQuotedFrenchTermNeverLosesItsQuotesAtARowEnd() {
        let prompt = LessonText.bindQuotes("كيف نكتب « économie sociale et solidaire » (الاقتصاد الاجتماعي والتضامني) بـ 3 حروف؟")
        for width in 20...60 {
            for row in TextLayout(width: width, direction: .forced(.rightToLeft)).lines(prompt) {
                let trimmed = row.trimmingCharacters(in: .whitespaces)
                #expect(!trimmed.hasPrefix("«") && !trimmed.hasPrefix("»") && !trimmed.hasSuffix("«") && !trimmed.hasSuffix("»"),
                        "width \(width): \(row)")
            }
        }
    }
}
