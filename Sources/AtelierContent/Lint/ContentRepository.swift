import Foundation

/// Where content lives: `Lessons/<module>/module.yaml` and `<lang>.po`, `Locales/languages.yaml`,
/// `Locales/interface.yaml` and `Locales/<lang>.po`.
public struct ContentRepository: Sendable {
    public let lessons: String
    public let locales: String

    public init(lessons: String, locales: String) {
        self.lessons = lessons
        self.locales = locales
    }

    public static let moduleFile = "module.yaml"

    /// The lessons folder, when it cannot be listed (missing, or not readable by the kiosk's user): without this,
    /// an unreadable folder would look like a folder with no modules, and nothing would say why.
    public var unreadableLessons: ContentDiagnostic? {
        // opendir rather than FileManager: its errno says why in words an administrator knows.
        if let folder = opendir(lessons) {
            closedir(folder)
            return nil
        }
        let reason = String(cString: strerror(errno))
        return ContentDiagnostic(location: SourceLocation(path: lessons, line: 1, column: 1), severity: .error,
                                 code: "unreadable-folder", message: "the lessons folder cannot be read (\(reason))")
    }

    /// Module folders, sorted; none when the folder cannot be listed (`unreadableLessons` says why).
    public func moduleFolders() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessons)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: lessons + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    public func modulePath(_ folder: String) -> String { "\(lessons)/\(folder)/\(Self.moduleFile)" }
    public func translationPath(module folder: String, language: String) -> String { "\(lessons)/\(folder)/\(language).po" }
    public func interfacePath(language: String) -> String { "\(locales)/\(language).po" }
    public var registryPath: String { "\(locales)/\(LanguageRegistry.fileName)" }
    public var interfaceCatalogPath: String { "\(locales)/\(InterfaceCatalog.fileName)" }

    /// Language codes of the `.po` files in a folder (none when it cannot be listed: its module file, read from
    /// the same folder, then fails with its own diagnostic).
    public func translationLanguages(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".po") }.map { String($0.dropLast(3)) }.sorted()
    }

    static func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
