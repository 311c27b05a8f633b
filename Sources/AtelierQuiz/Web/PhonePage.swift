import Foundation

/// The phones' page, served by the quiz host: plain HTML, CSS and JavaScript, no CDN and no build step, so that it
/// works on a LAN with no internet. Its files (`phone.html`, `app.css`, `app.js`, beside this file) are SwiftPM
/// resources of this target: `swift build` copies them into the folder `Atelier_AtelierQuiz.resources` beside the
/// `atelier` binary. They are read once, when the host starts, and served from memory. The protocol the page
/// speaks is docs/quiz-protocol.md.
public struct PhonePage: Sendable {
    /// One file of the page: the path the browser asks for, the resource that holds it, its media type.
    public struct File: Sendable, Hashable {
        public let path: String
        public let resource: String
        public let contentType: String
    }

    /// Every file the host serves for the page; phone.html refers to the others by their `path`.
    public static let files: [File] = [
        File(path: "/", resource: "phone.html", contentType: "text/html; charset=utf-8"),
        File(path: "/app.css", resource: "app.css", contentType: "text/css; charset=utf-8"),
        File(path: "/app.js", resource: "app.js", contentType: "text/javascript; charset=utf-8"),
    ]

    /// The text of each file, by its `path`.
    public let texts: [String: String]

    public init(texts: [String: String]) {
        self.texts = texts
    }

    public var html: String { texts["/"] ?? "" }
    public var style: String { texts["/app.css"] ?? "" }
    public var script: String { texts["/app.js"] ?? "" }

    public enum LoadError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The resource folder is in none of the places searched (a binary copied without it).
        case noResources(folder: String, searched: [String])
        /// The folder is there, but one of the page's files is missing or is not UTF-8.
        case unreadable(file: String, folder: String)

        public var description: String {
            switch self {
            case .noResources(let folder, let searched):
                "the phones' page is missing: no \(folder) in \(searched.joined(separator: " or ")). "
                    + "`swift build` puts it beside the atelier binary; copy it along with the binary "
                    + "(docs/kiosk-setup.md)"
            case .unreadable(let file, let folder):
                "the phones' page is incomplete: \(file) cannot be read in \(folder) (build again, or copy the folder again)"
            }
        }
    }

    /// The page of this build, read at its first use (the host's start) and never again.
    public static let bundled: Result<PhonePage, LoadError> = load()

    /// SwiftPM's name for this target's resource folder (`<package>_<target>`).
    #if canImport(Darwin)
    static let folderName = "Atelier_AtelierQuiz.bundle"
    #else
    static let folderName = "Atelier_AtelierQuiz.resources"
    #endif

    public static func load() -> Result<PhonePage, LoadError> {
        locateResources().flatMap { read(from: $0) }
    }

    /// The page from a resource folder named by its path (the tests; a packager's own layout).
    public static func load(folder path: String) -> Result<PhonePage, LoadError> {
        let url = URL(fileURLWithPath: path)
        guard isFolder(url), let bundle = Bundle(url: url) else {
            return .failure(.noResources(folder: url.lastPathComponent, searched: [url.deletingLastPathComponent().path]))
        }
        return read(from: bundle)
    }

    /// Reads every file of `files` from a resource folder (a `Bundle`).
    static func read(from bundle: Bundle) -> Result<PhonePage, LoadError> {
        var texts: [String: String] = [:]
        for file in files {
            let name = URL(fileURLWithPath: file.resource)
            let url = bundle.url(forResource: name.deletingPathExtension().lastPathComponent, withExtension: name.pathExtension)
                ?? bundle.bundleURL.appendingPathComponent(file.resource)
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                return .failure(.unreadable(file: file.resource, folder: bundle.bundleURL.path))
            }
            texts[file.path] = text
        }
        return .success(PhonePage(texts: texts))
    }

    /// The resource folder. SwiftPM's `Bundle.module` looks beside the main executable, then in the build folder
    /// it was compiled in, and calls `fatalError` when neither holds it: it is only used once the first place is
    /// known to hold the folder. Otherwise the folder is looked for beside the real executable (a symbolic link
    /// in /usr/local/bin), in `../share/atelier` from it (docs/kiosk-setup.md), and beside the loaded bundles
    /// (a test bundle on macOS); a folder found there is opened directly. Nothing found is an error, not a crash.
    static func locateResources() -> Result<Bundle, LoadError> {
        let main = Bundle.main.bundleURL.appendingPathComponent(folderName)
        if isFolder(main) { return .success(Bundle.module) }
        var places: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            places.append(executable)
            places.append(executable.deletingLastPathComponent().appendingPathComponent("share/atelier"))
        }
        #if canImport(Darwin)
        places += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }  // unimplemented on older Linux Foundations
        #endif
        var searched = [main.deletingLastPathComponent().path]
        for place in places where !searched.contains(place.path) {
            searched.append(place.path)
            let candidate = place.appendingPathComponent(folderName)
            if isFolder(candidate), let bundle = Bundle(url: candidate) { return .success(bundle) }
        }
        return .failure(.noResources(folder: folderName, searched: searched))
    }

    static func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }
}
