/// The context (the PO `msgctxt`) of one translatable text of a module, such as `cape-first/choices/cdi`.
///
/// Built here only: the loader that names a text and the screens, the quiz and the read-aloud that look it up
/// once spelled the same path by string interpolation in six files, and a typo in one of them showed French
/// (or nothing) without any error. A translator sees exactly these strings in the PO files.
public struct TranslationKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The text fields of a step that are translated, by their YAML name.
    public enum Field: String, Sendable, CaseIterable {
        case title, hint, explanation, body, prompt, statement, situation
    }

    public static let moduleTitle = TranslationKey("module/title")
    public static let moduleSummary = TranslationKey("module/summary")

    public static func glossary(_ term: String) -> TranslationKey { TranslationKey("glossary/\(term)") }
    public static func step(_ step: String, _ field: Field) -> TranslationKey { TranslationKey("\(step)/\(field.rawValue)") }
    public static func choice(_ step: String, _ choice: String) -> TranslationKey { TranslationKey("\(step)/choices/\(choice)") }
    public static func choiceFeedback(_ step: String, _ choice: String) -> TranslationKey {
        TranslationKey("\(step)/choices/\(choice)/feedback")
    }
    /// A true/false step's feedback for an answer.
    public static func feedback(_ step: String, answer: Bool) -> TranslationKey { TranslationKey("\(step)/feedback/\(answer)") }
    public static func option(_ step: String, _ option: String) -> TranslationKey { TranslationKey("\(step)/options/\(option)") }
    public static func optionFeedback(_ step: String, _ option: String) -> TranslationKey {
        TranslationKey("\(step)/options/\(option)/feedback")
    }
    public static func item(_ step: String, _ item: String) -> TranslationKey { TranslationKey("\(step)/items/\(item)") }
    public static func pairMeaning(_ step: String, _ pair: String) -> TranslationKey { TranslationKey("\(step)/pairs/\(pair)/meaning") }
    /// The answers a translation adds to an input step, separated by `|`.
    public static func accept(_ step: String) -> TranslationKey { TranslationKey("\(step)/accept") }
}
