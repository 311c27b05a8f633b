import AtelierContent

extension LessonEngine {
    /// A wrong answer to a question, for previews of the feedback screens.
    public static func wrongAnswer(for step: Step) -> Answer? {
        switch step.content {
        case .choice(_, let choices, let correct): return choices.first { !correct.contains($0.id) }.map { .choices([$0.id]) }
        case .trueFalse(_, let answer, _): return .trueFalse(!answer)
        case .input: return .text("?")
        case .order(_, let items): return .order(items.map(\.id).reversed())
        case .match(_, let pairs): return .matches(Dictionary(uniqueKeysWithValues: zip(pairs.map(\.id), pairs.map(\.id).reversed())))
        default: return nil
        }
    }
}
