import AtelierText
import Foundation

/// The kiosk's interface strings in one language, falling back along the language's chain to French. Only
/// translations made for the current French are used: a fuzzy or stale one shows the French instead.
public struct InterfaceStrings: Sendable {
    public let language: LanguageInfo
    let french: [String: String]
    let translated: [String: String]

    public init(language: LanguageInfo, french: [String: String], translated: [String: String]) {
        self.language = language
        self.french = french
        self.translated = translated
    }

    /// Loads `Locales/interface.yaml` and the `.po` files of `language` and its fallbacks.
    public static func load(locales: String, language: LanguageInfo) -> InterfaceStrings {
        let (units, _) = InterfaceCatalog.load(path: locales + "/" + InterfaceCatalog.fileName)
        let french = Dictionary(units.map { ($0.context, $0.source) }, uniquingKeysWith: { a, _ in a })
        var translated: [String: String] = [:]
        for code in ([language.code] + language.fallback).reversed() where code != "fr" {
            translated.merge(TranslationTable.load(path: locales + "/\(code).po", units: units, language: language),
                             uniquingKeysWith: { _, new in new })
        }
        return InterfaceStrings(language: language, french: french, translated: translated)
    }

    /// The pattern of `key` before formatting: which arguments it takes (the quiz host sends the phones the texts
    /// that take none once, and the others with the messages that give their values).
    public func pattern(_ key: String) -> String { translated[key] ?? french[key] ?? key }

    /// The keys of the interface catalogue.
    public var keys: [String] { Array(french.keys) }

    /// The text of `key`, formatted with `arguments` for the language (Latin digits); the key itself if it is
    /// unknown, so that a missing string shows up in tests rather than as an empty line.
    public func text(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String {
        format(translated[key] ?? french[key] ?? key, key: key, arguments)
    }

    /// The text of `key` as read aloud: the translator's read-aloud text (`key/speech`, with vowel marks) when
    /// there is one that matches the displayed text, else the displayed text.
    public func spoken(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String {
        guard let own = translated[key], let said = SpeechText.matching(translated[SpeechText.context(of: key)], shown: own) else {
            return text(key, arguments)
        }
        return format(said, key: key, arguments)
    }

    func format(_ pattern: String, key: String, _ arguments: [String: MessageArgument]) -> String {
        guard pattern.utf8.contains(UInt8(ascii: "{")) else { return pattern }  // bytes: Foundation's contains is slow here
        switch MessageFormatter.format(pattern, locale: language.icuLocale, arguments) {
        case .success(let text): return text
        case .failure:
            // A broken translation never breaks the screen: the French is always valid (lint checks it).
            return (try? MessageFormatter.format(french[key] ?? key, locale: "fr", arguments).get()) ?? key
        }
    }
}

/// The usable translations of one PO file: context -> text, for entries translated from the current French.
public enum TranslationTable {
    public static func load(path: String, units: [TranslationUnit], language: LanguageInfo) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let (file, _) = POReader.read(bytes: [UInt8](data), path: path)
        let result = TranslationChecker.check(file, path: path, units: units, language: language)
        var table: [String: String] = [:]
        for entry in file.entries where !entry.isObsolete {
            guard let context = entry.context, result.states[context] == .translated else { continue }
            table[context] = entry.string
        }
        return table
    }
}
