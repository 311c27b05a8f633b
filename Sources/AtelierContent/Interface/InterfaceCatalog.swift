import AtelierText
import Foundation
import Yams

/// The kiosk's interface strings in French, the source: `Locales/interface.yaml`, one `key: text` per string
/// (ICU MessageFormat, named arguments). Translations are `Locales/<lang>.po` with the key as `msgctxt`.
public enum InterfaceCatalog {
    public static let fileName = "interface.yaml"

    public static func load(path: String) -> (texts: [TranslationUnit], diagnostics: [ContentDiagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], [ContentDiagnostic(location: SourceLocation(path: path, line: 1, column: 1), severity: .error,
                                           code: "unreadable-file", message: "cannot read the interface strings")])
        }
        let text: String
        switch YAMLGuard.text(of: [UInt8](data), path: path) {
        case .failure(let diagnostic): return ([], [diagnostic])
        case .success(let decoded): text = decoded
        }
        var document = YAMLDocument(path: path)
        guard let root = document.parse(text) else { return ([], document.diagnostics) }
        guard case .mapping(let mapping) = root else {
            document.error(at: root.mark, "wrong-type", "the interface strings are 'key: text' lines")
            return ([], document.diagnostics)
        }
        var units: [TranslationUnit] = []
        for (key, value) in mapping where document.spend(key) && document.spend(value) {
            guard let name = key.string, case .scalar(let scalar) = value else {
                document.error(at: value.mark, "wrong-type", "each interface string is 'key: text'")
                continue
            }
            let valid = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
            if !valid {
                document.error(at: key.mark, "invalid-id", "'\(name)' is not a valid key: lowercase letters, digits, '-' and '.'")
            }
            if scalar.string.utf8.contains(UInt8(ascii: "{")), case .failure(let error) = MessageFormatter.check(scalar.string) {
                // At the placeholder's own column when the text is on one line (a quote before it counts).
                var at = document.location(value.mark)
                if let offset = MessageFormatter.locate(error, in: scalar.string), !scalar.string.contains("\n") {
                    let quote = scalar.style == .doubleQuoted || scalar.style == .singleQuoted ? 1 : 0
                    at.column += quote + String(decoding: Array(scalar.string.utf16.prefix(offset)), as: UTF16.self).unicodeScalars.count
                }
                document.diagnostics(append: ContentDiagnostic(location: at, severity: .error, code: "message-syntax",
                                                               message: "'\(name)': \(MessageFormatter.explain(error))"))
            }
            units.append(TranslationUnit(context: name, source: scalar.string, location: document.location(value.mark)))
        }
        return (units, document.diagnostics)
    }
}
