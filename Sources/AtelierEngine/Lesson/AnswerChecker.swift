import AtelierContent
import AtelierText

/// Checks an answer against a step. Pure: the same answer to the same step always gives the same result.
public enum AnswerChecker {
    /// Nil when the answer does not fit the step (a choice id sent to an input step, an unknown id...).
    public static func check(_ answer: Answer, step: Step, content: LessonContent) -> AnswerResult? {
        switch (step.content, answer) {
        case (.choice(_, let choices, let correct), .choices(let chosen)):
            guard !chosen.isEmpty, chosen.allSatisfy({ id in choices.contains { $0.id == id } }) else { return nil }
            let right = chosen == Set(correct)
            let ordered = choices.map(\.id).filter(chosen.contains)
            return AnswerResult(correct: right, credit: right ? 1 : 0, feedbackFor: ordered)

        case (.trueFalse(_, let expected, _), .trueFalse(let given)):
            return AnswerResult(correct: given == expected, credit: given == expected ? 1 : 0,
                                feedbackFor: [given ? "true" : "false"])

        case (.input(_, let accept, let typos, let number), .text(let typed)):
            let right = matches(typed, accept: accept + (content.acceptedInLanguage[step.id] ?? []), typos: typos,
                                number: number, locale: content.matchLocale)
            var result = AnswerResult(correct: right, credit: right ? 1 : 0)
            result.typed = typed
            return result

        case (.order(_, let items), .order(let given)):
            let expected = items.map(\.id)
            guard given.count == expected.count, Set(given) == Set(expected) else { return nil }
            let misplaced = zip(given, expected).filter { $0 != $1 }.map(\.0)
            let credit = Double(expected.count - misplaced.count) / Double(expected.count)
            return AnswerResult(correct: misplaced.isEmpty, credit: credit, misplaced: misplaced)

        case (.match(_, let pairs), .matches(let given)):
            let ids = Set(pairs.map(\.id))
            guard Set(given.keys) == ids, Set(given.values).isSubset(of: ids) else { return nil }
            let misplaced = pairs.map(\.id).filter { given[$0] != $0 }
            let credit = Double(pairs.count - misplaced.count) / Double(pairs.count)
            return AnswerResult(correct: misplaced.isEmpty, credit: credit, misplaced: misplaced)

        case (.scenario(_, let options), .option(let id)):
            guard options.contains(where: { $0.id == id }) else { return nil }
            return AnswerResult(correct: true, credit: 1, feedbackFor: [id])

        case (.reflection, .reflection):
            return AnswerResult(correct: true, credit: 1)

        default:
            return nil
        }
    }

    /// A typed answer against the accepted ones: matching keys in the participant's language and in French,
    /// one typo allowed in words of five letters or more when the step says so; or a number.
    static func matches(_ typed: String, accept: [String], typos: Bool, number: StepContent.NumberAnswer?,
                        locale: String) -> Bool {
        if let number, let value = NumberInput.parseWithUnit(typed), abs(value - number.value) <= number.tolerance + 1e-9 {
            return true
        }
        // Simplified and Traditional Chinese are one answer: both sides compared in Simplified characters.
        let han = typed.unicodeScalars.contains { $0.properties.isIdeographic }
        func comparable(_ text: String) -> String { han ? Transliteration.apply("Traditional-Simplified", to: text) : text }
        let typed = comparable(typed)
        for locale in Set([locale, "fr"]) {
            let key = MatchKey(typed, locale: locale)
            guard !key.isEmpty else { continue }
            for accepted in accept {
                let target = MatchKey(comparable(accepted), locale: locale)
                if key == target { return true }
                if typos && target.elements.count >= 5 && key.distance(to: target, limit: 1) <= 1 { return true }
            }
        }
        return false
    }
}
