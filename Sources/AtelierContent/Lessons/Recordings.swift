import Foundation

/// Recorded voices of a module: `Lessons/<module>/audio/<lang>/<msgctxt>.<ext>`, one file per text, named by
/// the text's context as in the PO files (`audio/ps/intro/body.opus` records `intro/body` in Pashto). Played
/// instead of synthesis: how a language no voice reads (Pashto, Tigrinya) gets sound, and how a community
/// records a sentence the voice says badly. Formats: whatever libsndfile decodes that a person is likely to
/// have (WAV, Ogg/Opus, Ogg/Vorbis, FLAC).
public struct Recordings: Sendable, Equatable {
    public static let folder = "audio"
    public static let extensions = ["opus", "ogg", "wav", "flac"]

    /// Context -> path, for one language.
    public var byContext: [String: String]
    /// The language they are in (nil when there are none).
    public var language: String?

    public init(byContext: [String: String] = [:], language: String? = nil) {
        self.byContext = byContext
        self.language = language
    }

    public func path(_ key: TranslationKey) -> String? { byContext[key.rawValue] }

    /// One file found under a module's `audio` folder.
    public struct File: Sendable, Equatable {
        public var language: String
        /// The context it records; nil when its extension is not one of `extensions`.
        public var context: String?
        public var path: String
    }

    /// Every file under `<moduleFolder>/audio/`, sorted: for lint (unknown languages, contexts and formats).
    public static func files(moduleFolder: String) -> [File] {
        let root = moduleFolder + "/" + folder
        guard let languages = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        var found: [File] = []
        for language in languages.sorted() where !language.hasPrefix(".") {
            let base = root + "/" + language
            guard let names = FileManager.default.enumerator(atPath: base)?.compactMap({ $0 as? String }) else { continue }
            for name in names.sorted() where !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let ext = (name as NSString).pathExtension.lowercased()
                let context = extensions.contains(ext) ? String(name.dropLast(ext.count + 1)) : nil
                found.append(File(language: language, context: context, path: base + "/" + name))
            }
        }
        return found
    }

    /// The recordings of one language of a module, for the texts it has (a file for no text is lint's error,
    /// never played).
    public static func load(moduleFolder: String, language: String, contexts: Set<String>) -> Recordings {
        var byContext: [String: String] = [:]
        for file in files(moduleFolder: moduleFolder) where file.language == language {
            if let context = file.context, contexts.contains(context), byContext[context] == nil { byContext[context] = file.path }
        }
        return Recordings(byContext: byContext, language: language)
    }
}
