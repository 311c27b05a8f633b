import AtelierContent

/// What the engine needs to run one module for one participant: the module's structure (French source),
/// the locale typed answers are compared in, and accepted answers from the participant's translation.
public struct LessonContent: Sendable {
    public let module: Module
    /// ICU locale of the participant's language, for matching keys.
    public let matchLocale: String
    /// Step id -> accepted answers added by the translation (`<step>/accept`).
    public let acceptedInLanguage: [String: [String]]
    /// Attempts per question when a step does not say.
    public let defaultAttempts: Int

    public init(module: Module, matchLocale: String = "fr", acceptedInLanguage: [String: [String]] = [:],
                defaultAttempts: Int = 2) {
        self.module = module
        self.matchLocale = matchLocale
        self.acceptedInLanguage = acceptedInLanguage
        self.defaultAttempts = max(1, defaultAttempts)
    }

    func attempts(for step: Step) -> Int { step.attempts ?? defaultAttempts }
}
