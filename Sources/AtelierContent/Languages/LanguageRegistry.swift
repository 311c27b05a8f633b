import AtelierText
import Foundation
import Yams

/// The languages a kiosk offers, from `Locales/languages.yaml`, completed by ICU.
///
/// The file supplies what ICU 72 lacks or names badly: Dari is `fa_AF` to ICU, Soninke and Haitian Creole
/// have no ICU data at all, and every drafted language is marked `draft` until a native speaker reviews it.
public struct LanguageRegistry: Sendable {
    public private(set) var languages: [LanguageInfo]

    public init(languages: [LanguageInfo]) {
        self.languages = languages
    }

    public func language(_ code: String) -> LanguageInfo? {
        languages.first { $0.code == code }
    }

    /// The registry entry for `code`, or what ICU alone knows when the registry does not list it.
    public func resolve(_ code: String) -> LanguageInfo {
        language(code) ?? LanguageInfo.fromICU(code: code)
    }

    public static let fileName = "languages.yaml"

    /// Loads `languages.yaml`; problems come back as diagnostics beside whatever entries were usable.
    public static func load(path: String) -> (LanguageRegistry, [ContentDiagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (LanguageRegistry(languages: []), [
                ContentDiagnostic(location: SourceLocation(path: path, line: 1, column: 1), severity: .error,
                                  code: "unreadable-file", message: "cannot read the languages registry"),
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (LanguageRegistry(languages: []), [
                ContentDiagnostic(location: SourceLocation(path: path, line: 1, column: 1), severity: .error,
                                  code: "invalid-utf8", message: "the file is not valid UTF-8"),
            ])
        }
        return parse(text, path: path)
    }

    static let fields: Set<String> = ["code", "icu", "endonym", "direction", "fallback", "status"]

    public static func parse(_ text: String, path: String) -> (LanguageRegistry, [ContentDiagnostic]) {
        var diagnostics: [ContentDiagnostic] = []
        func report(_ mark: Mark?, _ code: String, _ message: String) {
            diagnostics.append(ContentDiagnostic(
                location: SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1),
                severity: .error, code: code, message: message))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            let (mark, message) = error.positionAndMessage
            report(mark, "yaml-syntax", message)
            return (LanguageRegistry(languages: []), diagnostics)
        } catch {
            report(nil, "yaml-syntax", "\(error)")
            return (LanguageRegistry(languages: []), diagnostics)
        }
        guard let list = root?.mapping?["languages"]?.sequence else {
            report(root?.mark, "missing-field", "expected a 'languages:' list")
            return (LanguageRegistry(languages: []), diagnostics)
        }
        var languages: [LanguageInfo] = []
        for entry in list {
            guard let mapping = entry.mapping else {
                report(entry.mark, "wrong-type", "each language is a mapping with at least 'code'")
                continue
            }
            for (key, _) in mapping where !fields.contains(key.string ?? "") {
                report(key.mark, "unknown-field", "unknown field '\(key.string ?? "?")' in a language")
            }
            guard let code = mapping["code"]?.string, !code.isEmpty else {
                report(entry.mark, "missing-field", "missing 'code'")
                continue
            }
            if languages.contains(where: { $0.code == code }) {
                report(mapping["code"]?.mark, "duplicate-id", "language '\(code)' is listed twice")
                continue
            }
            var info = LanguageInfo.fromICU(code: mapping["icu"]?.string ?? code)
            info.code = code
            if let endonym = mapping["endonym"]?.string { info.endonym = endonym }
            if let direction = mapping["direction"] {
                if let value = direction.string.flatMap(TextDirection.init(rawValue:)) {
                    info.direction = value
                } else {
                    report(direction.mark, "invalid-value", "direction must be 'ltr' or 'rtl'")
                }
            }
            if let fallback = mapping["fallback"] {
                info.fallback = fallback.sequence?.compactMap(\.string) ?? []
            }
            if let status = mapping["status"] {
                if let value = status.string.flatMap(ReviewStatus.init(rawValue:)) {
                    info.status = value
                } else {
                    report(status.mark, "invalid-value", "status must be 'source', 'reviewed' or 'draft'")
                }
            }
            if !info.icuHasData && (mapping["endonym"] == nil || mapping["direction"] == nil) {
                report(entry.mark, "missing-field",
                       "ICU has no data for '\(code)': give its 'endonym' and 'direction' here")
            }
            languages.append(info)
        }
        return (LanguageRegistry(languages: languages), diagnostics)
    }
}
