import AtelierText

/// What a kiosk offers: the modules that load cleanly, the languages of the registry, and where their texts are.
public struct KioskContent: Sendable {
    public let repository: ContentRepository
    public let languages: [LanguageInfo]
    public var modules: [(module: Module, texts: [TranslationUnit])]

    /// A module with errors is left out (lint reports it); the others still work. Without `modules` only
    /// the languages are read: the kiosk draws its first screen before it parses the lessons.
    public static func load(_ repository: ContentRepository, modules withModules: Bool = true) -> KioskContent {
        let (registry, _) = LanguageRegistry.load(path: repository.registryPath)
        let languages = registry.languages.isEmpty ? [LanguageInfo.fromICU(code: "fr")] : registry.languages
        return KioskContent(repository: repository, languages: languages, modules: withModules ? loadModules(repository) : [])
    }

    public static func loadModules(_ repository: ContentRepository) -> [(module: Module, texts: [TranslationUnit])] {
        var modules: [(module: Module, texts: [TranslationUnit])] = []
        for folder in repository.moduleFolders() {
            let loaded = ModuleLoader.load(path: repository.modulePath(folder))
            guard let module = loaded.module, !loaded.diagnostics.contains(where: { $0.severity == .error }),
                  !ModuleValidator.checkPaths(module).contains(where: { $0.severity == .error }) else { continue }
            modules.append((module, loaded.texts))
        }
        return modules
    }

    public func strings(_ language: LanguageInfo) -> InterfaceStrings {
        InterfaceStrings.load(locales: repository.locales, language: language)
    }

    public func text(of module: Module, texts: [TranslationUnit], language: LanguageInfo) -> LessonText {
        LessonText.load(module: module, texts: texts, lessonsFolder: repository.lessons, language: language)
    }
}
