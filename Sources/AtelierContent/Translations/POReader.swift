import Foundation

/// Reads gettext PO files: multi-line strings, escapes, `msgctxt`, flags, previous strings (`#|`), obsolete
/// entries (`#~`), the header and plural entries, without loss. Problems come back as diagnostics with
/// their position; reading goes on after them where it can.
public enum POReader {
    public static func read(_ text: String, path: String) -> (POFile, [ContentDiagnostic]) {
        var parser = Parser(path: path)
        // "\r\n" is one Character in Swift: split on both forms.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            parser.consume(line, number: index + 1)
        }
        parser.finishEntry()
        return (POFile(header: parser.header, entries: parser.entries), parser.diagnostics)
    }

    public static func read(bytes: [UInt8], path: String) -> (POFile, [ContentDiagnostic]) {
        switch YAMLGuard.text(of: bytes, path: path) {
        case .failure(let diagnostic): return (POFile(), [diagnostic])
        case .success(let text): return read(text, path: path)
        }
    }

    private struct Parser {
        let path: String
        var header: POEntry?
        var entries: [POEntry] = []
        var diagnostics: [ContentDiagnostic] = []
        var current = POEntry()
        var started = false
        /// Which string the next continuation line extends.
        var target: Target?
        var seen: Set<String> = []

        enum Target { case context, id, idPlural, string(Int), previousContext, previousID, previousIDPlural }

        init(path: String) { self.path = path }

        /// A syntax error in the current entry: its "no msgstr" would only repeat it.
        var entryFailed = false

        mutating func error(_ line: Int, _ column: Int, _ message: String) {
            entryFailed = true
            diagnostics.append(ContentDiagnostic(location: SourceLocation(path: path, line: line, column: column),
                                                 severity: .error, code: "po-syntax", message: message))
        }

        mutating func consume(_ raw: Substring, number: Int) {
            var line = raw
            var obsolete = false
            if line.hasPrefix("#~") {
                obsolete = true
                line = line.dropFirst(2)
                if line.hasPrefix(" ") { line = line.dropFirst() }
                if line.hasPrefix("|") { line = "#" + line }  // "#~| msgid" is a previous string
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                if !obsolete { finishEntry() }
                return
            }
            if trimmed.hasPrefix("#") {
                comment(trimmed, number: number, obsolete: obsolete)
                return
            }
            if trimmed.hasPrefix("\"") {
                guard let target, let value = string(trimmed, line: number, column: raw.count - trimmed.count + 1) else {
                    if target == nil { error(number, 1, "a string line with no keyword before it") }
                    return
                }
                append(value, to: target)
                return
            }
            keyword(trimmed, number: number, obsolete: obsolete, column: raw.count - trimmed.count + 1)
        }

        mutating func comment(_ line: Substring, number: Int, obsolete: Bool) {
            // A comment after the strings of an entry starts the next entry.
            if hasStrings { finishEntry() }
            if obsolete { current.isObsolete = true }
            let body = line.dropFirst(2)
            switch line.dropFirst().first {
            case ".": current.extractedComments.append(String(body.drop { $0 == " " }))
            case ":": current.references.append(String(body.drop { $0 == " " }))
            case ",":
                current.flags += body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "|":
                let rest = body.drop { $0 == " " }
                let column = line.count - rest.count + 1
                if rest.hasPrefix("\"") {
                    // A continuation line of a previous string.
                    if let target, let value = string(rest, line: number, column: column) { append(value, to: target) }
                } else {
                    keyword(rest, number: number, obsolete: obsolete, column: column, previous: true)
                }
            default:
                current.translatorComments.append(line.count > 1 ? String(line.dropFirst(line.hasPrefix("# ") ? 2 : 1)) : "")
            }
            started = true
        }

        mutating func keyword(_ line: Substring, number: Int, obsolete: Bool, column: Int, previous: Bool = false) {
            guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                error(number, column, "expected a keyword and a string, found '\(line)'")
                return
            }
            let word = line[..<space]
            let rest = line[space...].drop { $0 == " " || $0 == "\t" }
            let valueColumn = column + line.distance(from: line.startIndex, to: rest.startIndex)
            guard let value = string(rest, line: number, column: valueColumn) else { return }
            if obsolete { current.isObsolete = true }
            if previous {
                switch word {
                case "msgctxt": current.previousContext = value; target = .previousContext
                case "msgid": current.previousID = value; target = .previousID
                case "msgid_plural": current.previousIDPlural = value; target = .previousIDPlural
                default: error(number, column, "unknown keyword '\(word)' in a '#|' line")
                }
                started = true
                return
            }
            switch word {
            case "msgctxt":
                if hasStrings { finishEntry() }
                if obsolete { current.isObsolete = true }
                current.context = value
                markStart(number)
                target = .context
            case "msgid":
                if hasStrings { finishEntry() }
                if obsolete { current.isObsolete = true }
                current.id = value
                markStart(number)
                target = .id
            case "msgid_plural":
                current.idPlural = value
                target = .idPlural
            case "msgstr":
                current.strings = [value]
                current.stringLine = number
                hasStrings = true
                target = .string(0)
            default:
                if word.hasPrefix("msgstr["), word.hasSuffix("]"), let n = Int(word.dropFirst(7).dropLast()), n >= 0, n < 100 {
                    if !hasStrings { current.strings = [] }
                    while current.strings.count <= n { current.strings.append("") }
                    current.strings[n] = value
                    if current.stringLine == 0 { current.stringLine = number }
                    hasStrings = true
                    target = .string(n)
                } else {
                    error(number, column, "unknown keyword '\(word)'")
                }
            }
            started = true
        }

        var hasStrings = false

        mutating func markStart(_ number: Int) {
            if current.line == 0 { current.line = number }
        }

        mutating func append(_ value: String, to target: Target) {
            switch target {
            case .context: current.context = (current.context ?? "") + value
            case .id: current.id += value
            case .idPlural: current.idPlural = (current.idPlural ?? "") + value
            case .string(let n): current.strings[n] += value
            case .previousContext: current.previousContext = (current.previousContext ?? "") + value
            case .previousID: current.previousID = (current.previousID ?? "") + value
            case .previousIDPlural: current.previousIDPlural = (current.previousIDPlural ?? "") + value
            }
        }

        mutating func finishEntry() {
            defer {
                current = POEntry()
                started = false
                target = nil
                hasStrings = false
                entryFailed = false
            }
            guard started else { return }
            if current.line == 0 {
                // Comments alone (at the end of a file, say): nothing to keep as an entry.
                return
            }
            if !hasStrings {
                if entryFailed { return }
                error(current.line, 1, "entry '\(current.context ?? current.id)' has no msgstr")
                return
            }
            if current.isHeader && header == nil && entries.isEmpty {
                header = current
                return
            }
            let key = (current.isObsolete ? "~" : "") + (current.context ?? "") + "\u{4}" + current.id
            if !seen.insert(key).inserted {
                error(current.line, 1, "duplicate entry for \(current.context.map { "context '\($0)'" } ?? "msgid '\(current.id)'")")
                return
            }
            entries.append(current)
        }

        /// The value of a quoted C string (escapes as gettext writes them); nil with a diagnostic otherwise.
        mutating func string(_ text: Substring, line: Int, column: Int) -> String? {
            guard text.first == "\"" else {
                error(line, column, "expected a string in double quotes")
                return nil
            }
            var result = String.UnicodeScalarView()
            var iterator = text.unicodeScalars.dropFirst().makeIterator()
            var offset = column
            while let scalar = iterator.next() {
                offset += 1
                switch scalar {
                case "\"":
                    let trailing = String(String.UnicodeScalarView(Array(IteratorSequence(iterator))))
                    if !trailing.trimmingCharacters(in: .whitespaces).isEmpty {
                        error(line, offset + 1, "text after the closing quote")
                        return nil
                    }
                    return String(result)
                case "\\":
                    guard let escaped = iterator.next() else {
                        error(line, offset, "unterminated string")
                        return nil
                    }
                    offset += 1
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "r": result.append("\r")
                    case "\"": result.append("\"")
                    case "\\": result.append("\\")
                    case "a": result.append("\u{7}")
                    case "b": result.append("\u{8}")
                    case "f": result.append("\u{C}")
                    case "v": result.append("\u{B}")
                    default:
                        error(line, offset - 1, "unknown escape '\\\(escaped)'")
                        return nil
                    }
                default:
                    result.append(scalar)
                }
            }
            error(line, column, "unterminated string")
            return nil
        }
    }
}
