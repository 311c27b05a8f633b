import AtelierContent
import AtelierText
import Testing
@testable import AtelierEngine

/// What a person would reasonably type for a number or a short answer is accepted; what is really a different
/// answer is still refused (issue #18). One row per language and way of typing.
@Suite("Typed answers")
struct TypedAnswerTests {
    static let days = StepContent.NumberAnswer(value: 120, tolerance: 0)
    static let amount = StepContent.NumberAnswer(value: 1500, tolerance: 0)

    static let numbers: [(language: String, typed: String, answer: StepContent.NumberAnswer, accepted: Bool)] = [
        ("fr", "120", days, true),
        ("fr", "120 jours", days, true),
        ("fr", "120jours", days, true),
        ("fr", "le 120e jour", days, true),
        ("fr", "1 500 €", amount, true),
        ("fr", "1500€", amount, true),
        ("fr", "€1,500", amount, false),  // a comma is a decimal separator in French: 1,5
        ("en", "€1 500", amount, true),
        ("ar", "١٢٠ يومًا", days, true),
        ("ar", "١٢٠", days, true),
        ("prs", "۱۲۰ روز", days, true),
        ("ps", "۱۲۰ ورځې", days, true),
        ("ti", "120 መዓልቲ", days, true),
        ("bn", "১২০ দিন", days, true),
        ("ta", "௧௨௦ நாட்கள்", days, true),
        ("zh", "120天", days, true),
        ("zh", "１２０天", days, true),
        ("ru", "120 дней", days, true),
        // Really another answer.
        ("fr", "60 jours", days, false),
        ("fr", "120 ou 60", days, false),
        ("fr", "12", days, false),
        ("fr", "1200", days, false),
        ("ar", "٦٠ يومًا", days, false),
        ("fr", "jours", days, false),
    ]

    @Test(arguments: numbers)
    func aNumberWithItsUnitOrInAnyScript(language: String, typed: String, answer: StepContent.NumberAnswer, accepted: Bool) {
        #expect(AnswerChecker.matches(typed, accept: [], typos: false, number: answer,
                                      locale: LanguageInfo.fromICU(code: language).icuLocale) == accepted)
    }

    static let words: [(language: String, typed: String, accept: [String], accepted: Bool)] = [
        ("zh", "收據", ["récépissé", "收据"], true),   // Traditional typed, Simplified accepted
        ("zh", "收据", ["récépissé", "收據"], true),   // and the other way round
        ("zh", "证书", ["récépissé", "收据"], false),
        ("fr", "recepisse", ["récépissé"], true),
        ("ar", "رسيد", ["récépissé", "رسيد"], true),
    ]

    @Test(arguments: words)
    func aWordInTheOtherChineseScriptIsTheSameWord(language: String, typed: String, accept: [String], accepted: Bool) {
        #expect(AnswerChecker.matches(typed, accept: accept, typos: false, number: nil,
                                      locale: LanguageInfo.fromICU(code: language).icuLocale) == accepted)
    }
}
