import Foundation
import AtelierText

/// A module's texts in the participant's language, with the French beside them (the French toggle, and the
/// fallback for anything not translated from the current French).
public struct LessonText: Sendable {
    public let module: Module
    public let language: LanguageInfo
    let translated: [String: String]
    let french: [String: String]
    /// People's recordings of texts in this language, played instead of synthesis.
    public let recordings: Recordings

    public init(module: Module, texts: [TranslationUnit], language: LanguageInfo, translated: [String: String],
                recordings: Recordings = Recordings()) {
        self.module = module
        self.language = language
        self.translated = language.status == .source ? [:] : translated
        self.french = Dictionary(texts.map { ($0.context, $0.source) }, uniquingKeysWith: { a, _ in a })
        self.recordings = recordings
    }

    public static func load(module: Module, texts: [TranslationUnit], lessonsFolder: String, language: LanguageInfo) -> LessonText {
        var translated: [String: String] = [:]
        if language.status != .source {
            for code in ([language.code] + language.fallback).reversed() where code != "fr" {
                translated.merge(TranslationTable.load(path: "\(lessonsFolder)/\(module.id)/\(code).po", units: texts, language: language),
                                 uniquingKeysWith: { _, new in new })
            }
        }
        let recordings = Recordings.load(moduleFolder: "\(lessonsFolder)/\(module.id)", language: language.code,
                                         contexts: Set(texts.map(\.context)))
        return LessonText(module: module, texts: texts, language: language, translated: translated, recordings: recordings)
    }

    /// The text of a context in the participant's language (French when not translated), its facts
    /// (`{fact.ID}`) written for that language.
    public func text(_ key: TranslationKey) -> String {
        let context = key.rawValue
        if let own = translated[context] { return Self.shown(module.facts.resolve(own, locale: language.icuLocale)) }
        return frenchText(key)
    }

    /// The French source of a context, its facts written the French way.
    public func frenchText(_ key: TranslationKey) -> String { Self.shown(module.facts.resolve(french[key.rawValue] ?? "", locale: "fr")) }

    /// The text as a participant reads it: words kept in French without their marks, guillemets bound.
    static func shown(_ text: String) -> String { bindQuotes(FrenchSpan.plain(text)) }

    /// French guillemets keep their space unbroken (« CAF »), as French typography wants: otherwise a line
    /// may end on "«" or begin with "»", and inside a right-to-left sentence the French term then reads cut
    /// from its quotes, the quote marks mirrored on the wrong row.
    static func bindQuotes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "«" || $0 == "»" }) else { return text }
        return text.replacingOccurrences(of: "« ", with: "«\u{00A0}").replacingOccurrences(of: " »", with: "\u{00A0}»")
    }

    public func isTranslated(_ key: TranslationKey) -> Bool { translated[key.rawValue] != nil }

    /// The text as read aloud: facts written for the language (numbers then read as the locale says them),
    /// and the `{fr:…}` marks kept, so that those words are read with the French voice.
    /// A translator's read-aloud text (`…/speech`, the same sentence with its vowel marks) is read instead of
    /// the displayed one when it matches it.
    public func spokenText(_ key: TranslationKey) -> String {
        let context = key.rawValue
        if let own = translated[context] {
            let said = SpeechText.matching(translated[SpeechText.context(of: context)], shown: own) ?? own
            return module.facts.resolve(said, locale: language.icuLocale)
        }
        return module.facts.resolve(french[context] ?? "", locale: "fr")
    }

    /// Accepted answers the translation adds to an input step (`<step>/accept`, after the French ones).
    public var acceptedInLanguage: [String: [String]] {
        var result: [String: [String]] = [:]
        for step in module.steps {
            guard let extra = translated[TranslationKey.accept(step.id).rawValue] else { continue }
            result[step.id] = extra.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return result
    }
}
