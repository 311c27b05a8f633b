import AtelierContent
import AtelierText
import Foundation

/// Where content comes from when no option says: `./Lessons` and `./Locales`, then the install prefix.
enum ContentPaths {
    static let installPrefix = "/usr/local/share/atelier"

    static func locales(_ option: String?) -> String {
        directory(option, named: "Locales")
    }

    static func lessons(_ option: String?) -> String {
        directory(option, named: "Lessons")
    }

    private static func directory(_ option: String?, named name: String) -> String {
        if let option { return option }
        let local = FileManager.default.currentDirectoryPath + "/" + name
        if FileManager.default.fileExists(atPath: local) { return local }
        return installPrefix + "/" + name
    }

    /// The registry in `localesDirectory`, or an empty one (ICU alone) when there is none.
    static func registry(localesDirectory: String) -> (LanguageRegistry, [ContentDiagnostic]) {
        let path = localesDirectory + "/" + LanguageRegistry.fileName
        guard FileManager.default.fileExists(atPath: path) else { return (LanguageRegistry(languages: []), []) }
        return LanguageRegistry.load(path: path)
    }
}
