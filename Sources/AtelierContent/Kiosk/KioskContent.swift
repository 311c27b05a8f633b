import Foundation
import AtelierText

/// What a kiosk offers: the modules that load cleanly, the languages of the registry, and where their texts are.
public struct KioskContent: Sendable {
    public let repository: ContentRepository
    public let languages: [LanguageInfo]
    public var modules: [(module: Module, texts: [TranslationUnit])]
    /// Why modules were left out (their errors, file:line:column): logged, and counted on the facilitator's
    /// screen, so that a refused module never vanishes without a trace.
    public var refused: [ContentDiagnostic] = []
    /// How many module folders were left out.
    public var refusedModules = 0
    /// Modules without a translation file for a language: shown in French in that language.
    public var missingTranslations: [ContentDiagnostic] = []

    /// A module with errors is left out (lint reports it); the others still work. Without `modules` only
    /// the languages are read: the kiosk draws its first screen before it parses the lessons.
    public static func load(_ repository: ContentRepository, modules withModules: Bool = true) -> KioskContent {
        let (registry, _) = LanguageRegistry.load(path: repository.registryPath)
        let languages = registry.languages.isEmpty ? [LanguageInfo.fromICU(code: "fr")] : registry.languages
        return KioskContent(repository: repository, languages: languages, modules: withModules ? loadModules(repository) : [])
    }

    public static func loadModules(_ repository: ContentRepository) -> [(module: Module, texts: [TranslationUnit])] {
        loadCheckedModules(repository).modules
    }

    /// The modules that pass the linter's rule for a module (the loader's diagnostics and the whole validator:
    /// references, `when`, prerequisites, ids, paths, facts), and the errors of those left out, with their
    /// file:line:column, so that a refused module never vanishes without a trace.
    public static func loadCheckedModules(_ repository: ContentRepository)
        -> (modules: [(module: Module, texts: [TranslationUnit])], refused: [ContentDiagnostic]) {
        var modules: [(module: Module, texts: [TranslationUnit])] = []
        var refused: [ContentDiagnostic] = repository.unreadableLessons.map { [$0] } ?? []
        let folders = repository.moduleFolders()
        let facts = FactTable.load(lessonsFolder: repository.lessons).0
        for folder in folders {
            let loaded = ModuleLoader.load(path: repository.modulePath(folder), facts: facts)
            var errors = loaded.diagnostics.filter { $0.severity == .error }
            if let module = loaded.module {
                errors += ModuleValidator.validate(module, folderName: folder, knownModules: Set(folders), today: nil)
                    .filter { $0.severity == .error }
            }
            guard let module = loaded.module, errors.isEmpty else {
                refused += errors.isEmpty
                    ? [ContentDiagnostic(location: SourceLocation(path: repository.modulePath(folder), line: 1, column: 1),
                                         severity: .error, code: "unreadable-module", message: "the module could not be read")]
                    : errors
                continue
            }
            modules.append((module, loaded.texts))
        }
        return (modules, refused)
    }

    /// The errors that left module `id` out, among `refused` (its module file and its translations).
    public static func reasons(_ refused: [ContentDiagnostic], module id: String) -> [ContentDiagnostic] {
        refused.filter { $0.location.path.contains("/\(id)/") }
    }

    /// Reads and checks the modules (as `loadCheckedModules`) and notes what was left out and which
    /// translation files are missing.
    public mutating func loadModulesReporting() {
        let checked = Self.loadCheckedModules(repository)
        modules = checked.modules
        refused = checked.refused
        refusedModules = max(0, repository.moduleFolders().count - modules.count)
        missingTranslations = Self.missingTranslations(modules.map(\.module), languages: languages, repository: repository)
    }

    /// One warning per module and language that has no translation file: the participant reads that module
    /// in French (the catalogue says so).
    public static func missingTranslations(_ modules: [Module], languages: [LanguageInfo], repository: ContentRepository) -> [ContentDiagnostic] {
        var missing: [ContentDiagnostic] = []
        for module in modules {
            for language in languages where language.status != .source {
                let path = "\(repository.lessons)/\(module.id)/\(language.code).po"
                guard !FileManager.default.fileExists(atPath: path) else { continue }
                missing.append(ContentDiagnostic(location: SourceLocation(path: path, line: 1, column: 1), severity: .warning,
                                                 code: "missing-translation",
                                                 message: "no \(language.code) translation of module '\(module.id)': it is shown in French; run `atelier translations update` and translate the new file"))
            }
        }
        return missing
    }

    /// Whether a module is read in French in `language` for want of a translation (its title is untranslated).
    public func shownInFrench(_ text: LessonText) -> Bool {
        text.language.status != .source && !text.isTranslated(.moduleTitle)
    }

    public func strings(_ language: LanguageInfo) -> InterfaceStrings {
        InterfaceStrings.load(locales: repository.locales, language: language)
    }

    public func text(of module: Module, texts: [TranslationUnit], language: LanguageInfo) -> LessonText {
        LessonText.load(module: module, texts: texts, lessonsFolder: repository.lessons, language: language)
    }
}
