import AtelierText
import Foundation
import NIOConcurrencyHelpers

/// Everything `atelier lint` and `atelier translations status` know about the content: every diagnostic of
/// every module, translation and interface file (never only the first), and the translation matrix.
public struct ContentReport: Sendable {
    public var diagnostics: [ContentDiagnostic]
    public var modules: [Module]
    /// The French texts of each module id, and of the interface under `ContentReport.interface`.
    public var texts: [String: [TranslationUnit]]
    /// Counts per module id (and `interface`) and language code.
    public var status: [String: [String: TranslationCounts]]
    public var registry: LanguageRegistry
    /// Recorded texts per module id and language code (`audio/<lang>/`).
    public var recordings: [String: [String: Int]] = [:]

    public static let interface = "interface"

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

public enum ContentLinter {
    struct ModuleResult: Sendable {
        let module: Module?
        let texts: [TranslationUnit]
        let counts: [String: TranslationCounts]
        let recordings: [String: Int]
        let diagnostics: [ContentDiagnostic]
    }

    public static func run(_ repository: ContentRepository, today: CalendarDate) -> ContentReport {
        var diagnostics: [ContentDiagnostic] = []
        let (registry, registryDiagnostics) = LanguageRegistry.load(path: repository.registryPath)
        diagnostics += registryDiagnostics
        let translated = registry.languages.filter { $0.status != .source }

        var modules: [Module] = []
        var texts: [String: [TranslationUnit]] = [:]
        var status: [String: [String: TranslationCounts]] = [:]
        var recordings: [String: [String: Int]] = [:]
        if let unreadable = repository.unreadableLessons { diagnostics.append(unreadable) }
        let folders = repository.moduleFolders()
        let (facts, factDiagnostics) = FactTable.load(lessonsFolder: repository.lessons, today: today)
        // Modules are independent: checked on every core, then gathered in folder order.
        let collected = NIOLockedValueBox<[ModuleResult?]>(Array(repeating: nil, count: folders.count))
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            let folder = folders[index]
            let loaded = ModuleLoader.load(path: repository.modulePath(folder), facts: facts)
            var found = loaded.diagnostics
            guard let module = loaded.module else {
                let result = ModuleResult(module: nil, texts: [], counts: [:], recordings: [:], diagnostics: found)
                collected.withLockedValue { $0[index] = result }
                return
            }
            found += ModuleValidator.validate(module, folderName: folder, knownModules: Set(folders), today: today)
            let (counts, checked) = checkTranslations(folder: "\(repository.lessons)/\(folder)", units: loaded.texts,
                                                      registry: registry, translated: translated,
                                                      path: { repository.translationPath(module: folder, language: $0) })
            let recorded = RecordingChecker.check(moduleFolder: "\(repository.lessons)/\(folder)", units: loaded.texts, registry: registry)
            let result = ModuleResult(module: module, texts: loaded.texts, counts: counts, recordings: recorded.counts,
                                      diagnostics: found + checked + recorded.diagnostics)
            collected.withLockedValue { $0[index] = result }
        }
        let results = collected.withLockedValue { $0 }
        for (index, folder) in folders.enumerated() {
            guard let result = results[index] else { continue }
            diagnostics += result.diagnostics
            guard let module = result.module else { continue }
            modules.append(module)
            texts[folder] = result.texts
            status[folder] = result.counts
            recordings[folder] = result.recordings
        }

        // The facts file itself, once: its syntax, sources and how long ago each fact was checked; and the
        // facts no lesson uses any more (a value nobody reads is a value nobody rechecks).
        diagnostics += factDiagnostics
        let used = Set(texts.values.flatMap { $0 }.flatMap { FactReference.ids(in: $0.source) })
            .union(modules.flatMap(\.factAnswers))
        for fact in facts.ordered where !used.contains(fact.id) {
            diagnostics.append(ContentDiagnostic(location: fact.location, severity: .warning, code: "unused-fact",
                                                 message: "fact '\(fact.id)' is used by no lesson: remove it, or refer to it with {fact.\(fact.id)}"))
        }

        if FileManager.default.fileExists(atPath: repository.interfaceCatalogPath) {
            let (units, found) = InterfaceCatalog.load(path: repository.interfaceCatalogPath)
            diagnostics += found
            texts[ContentReport.interface] = units
            let (counts, checked) = checkTranslations(folder: repository.locales, units: units, registry: registry,
                                                      translated: translated, path: { repository.interfacePath(language: $0) })
            diagnostics += checked
            status[ContentReport.interface] = counts
        }
        diagnostics.sort { ($0.location, $0.message) < ($1.location, $1.message) }
        return ContentReport(diagnostics: diagnostics, modules: modules, texts: texts, status: status, registry: registry,
                             recordings: recordings)
    }

    static func checkTranslations(folder: String, units: [TranslationUnit], registry: LanguageRegistry,
                                  translated: [LanguageInfo], path: (String) -> String)
        -> ([String: TranslationCounts], [ContentDiagnostic]) {
        var diagnostics: [ContentDiagnostic] = []
        var counts: [String: TranslationCounts] = [:]
        let present = Set(ContentRepository(lessons: folder, locales: folder).translationLanguages(in: folder))
        for code in present where registry.language(code) == nil || registry.language(code)?.status == .source {
            let reason = registry.language(code)?.status == .source
                ? "French is the source language: it has no translation file"
                : "unknown language '\(code)': add it to Locales/languages.yaml first"
            diagnostics.append(ContentDiagnostic(location: SourceLocation(path: path(code), line: 1, column: 1),
                                                 severity: .error, code: "unknown-language", message: reason))
        }
        // Contexts translated in a file but gone from the French, per context: the files that still have them.
        var gone: [String: [(file: String, line: Int)]] = [:]
        for language in translated {
            guard present.contains(language.code) else {
                var missing = TranslationCounts()
                missing.missing = units.count
                counts[language.code] = missing
                continue
            }
            let file = path(language.code)
            guard let bytes = ContentRepository.bytes(file) else { continue }
            let (po, poDiagnostics) = POReader.read(bytes: bytes, path: file)
            diagnostics += poDiagnostics
            let result = TranslationChecker.check(po, path: file, units: units, language: language)
            diagnostics += result.diagnostics
            for (context, line) in result.unknownContexts { gone[context, default: []].append((file, line)) }
            counts[language.code] = result.counts
        }
        // A text removed from the French (an optional hint, say) leaves its translation in every file: one
        // message that says what to do, not one error per language. An unknown context in a single file is
        // more likely a typo there, and keeps its own message with a did-you-mean.
        for (context, files) in gone where files.count >= 2 {
            diagnostics.removeAll { diagnostic in
                diagnostic.code == "unknown-context" && files.contains { $0.file == diagnostic.location.path && $0.line == diagnostic.location.line }
            }
            let first = files.min { ($0.file, $0.line) < ($1.file, $1.line) }!
            diagnostics.append(ContentDiagnostic(
                location: SourceLocation(path: first.file, line: first.line, column: 1), severity: .warning, code: "removed-text",
                message: "'\(context)' is no longer in the French, but \(files.count) translation files still translate it: run `atelier translations update` (their entries become obsolete, kept in case the text comes back)"))
        }
        return (counts, diagnostics)
    }
}
