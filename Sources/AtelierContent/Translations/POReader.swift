import AtelierText
import Foundation

/// Reads gettext PO files: multi-line strings, escapes, `msgctxt`, flags, previous strings (`#|`), obsolete
/// entries (`#~`), the header and plural entries, without loss. Problems come back as diagnostics with
/// their position; reading goes on after them where it can.
public enum POReader {
    public static func read(_ text: String, path: String) -> (POFile, [ContentDiagnostic]) {
        var parser = Parser(path: path)
        // Split as bytes: Character by Character (where "\r\n" is one Character) was most of lint's time.
        for (index, bytes) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Substring(bytes)
            if line.utf8.last == 0x0D { line = line.dropLast() }
            parser.consume(line, number: index + 1)
        }
        parser.finishEntry()
        return (POFile(header: parser.header, entries: parser.entries), parser.diagnostics)
    }

    public static func read(bytes: [UInt8], path: String) -> (POFile, [ContentDiagnostic]) {
        switch YAMLGuard.text(of: bytes, path: path, structure: false) {
        case .failure(let diagnostic): return (POFile(), [diagnostic])
        case .success(let text): return read(text, path: path)
        }
    }

    static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
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
                guard let target else {
                    error(number, 1, "a string line with no keyword before it")
                    return
                }
                if let value = string(trimmed, line: number, in: raw) {
                    append(value, to: target)
                    noteSpan(trimmed, line: number, in: raw, target: target)
                }
                return
            }
            keyword(trimmed, number: number, obsolete: obsolete, in: raw)
        }

        /// 1-based column, in Unicode scalars, of `index` in `line`: computed only for a diagnostic.
        func column(_ index: Substring.Index, in line: Substring) -> Int {
            line.unicodeScalars.distance(from: line.startIndex, to: index) + 1
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
                if rest.hasPrefix("\"") {
                    // A continuation line of a previous string.
                    if let target, let value = string(rest, line: number, in: line) { append(value, to: target) }
                } else {
                    keyword(rest, number: number, obsolete: obsolete, in: line, previous: true)
                }
            default:
                current.translatorComments.append(line.count > 1 ? String(line.dropFirst(line.hasPrefix("# ") ? 2 : 1)) : "")
            }
            started = true
        }

        mutating func keyword(_ line: Substring, number: Int, obsolete: Bool, in whole: Substring, previous: Bool = false) {
            guard let space = line.utf8.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) else {
                error(number, column(line.startIndex, in: whole), "expected a keyword and a string, found '\(line)'")
                return
            }
            let word = line[..<space]
            let rest = line[space...].drop { $0 == " " || $0 == "\t" }
            let column = column(line.startIndex, in: whole)
            guard let value = string(rest, line: number, in: whole) else { return }
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
                noteSpan(rest, line: number, in: whole, target: .string(0))
            default:
                if word.hasPrefix("msgstr["), word.hasSuffix("]"), let n = Int(word.dropFirst(7).dropLast()), n >= 0, n < 100 {
                    if !hasStrings { current.strings = [] }
                    while current.strings.count <= n { current.strings.append("") }
                    current.strings[n] = value
                    if current.stringLine == 0 { current.stringLine = number }
                    hasStrings = true
                    target = .string(n)
                    noteSpan(rest, line: number, in: whole, target: .string(n))
                } else {
                    error(number, column, "unknown keyword '\(word)'")
                }
            }
            started = true
        }

        var hasStrings = false

        /// Where a piece of a translation was written (`text` starts at its opening quote).
        mutating func noteSpan(_ text: Substring, line: Int, in whole: Substring, target: Target) {
            guard case .string(let index) = target else { return }
            var inner = text.dropFirst()
            while let last = inner.last, last == " " || last == "\t" { inner = inner.dropLast() }
            if inner.last == "\"" { inner = inner.dropLast() }
            current.stringSpans.add(StringSpans.Segment(line: line, column: column(text.startIndex, in: whole) + 1, raw: String(inner)),
                                    to: index)
        }

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
        /// Read as bytes: the quotes and escapes are ASCII, everything else is copied as it is.
        mutating func string(_ text: Substring, line: Int, in whole: Substring) -> String? {
            let bytes = text.utf8
            guard bytes.first == UInt8(ascii: "\"") else {
                error(line, column(text.startIndex, in: whole), "expected a string in double quotes")
                return nil
            }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var index = bytes.index(after: bytes.startIndex)
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let after = bytes.index(after: index)
                    if bytes[after...].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                        error(line, column(after, in: whole), "text after the closing quote")
                        return nil
                    }
                    guard case .success = result.withUnsafeBufferPointer({ UTF8Validation.validate($0) }) else {
                        error(line, column(text.startIndex, in: whole), "the escapes in this string do not make UTF-8 text")
                        return nil
                    }
                    return String(decoding: result, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    let escapeAt = index
                    index = bytes.index(after: index)
                    guard index < bytes.endIndex else {
                        error(line, column(escapeAt, in: whole), "unterminated string")
                        return nil
                    }
                    switch bytes[index] {
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "\""): result.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "a"): result.append(0x07)
                    case UInt8(ascii: "b"): result.append(0x08)
                    case UInt8(ascii: "f"): result.append(0x0C)
                    case UInt8(ascii: "v"): result.append(0x0B)
                    case UInt8(ascii: "0")...UInt8(ascii: "7"):
                        // An octal byte, one to three digits, as msgfmt reads it ("\101" is "A").
                        var value = 0, digits = 0
                        while digits < 3, index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index]) {
                            value = value * 8 + Int(bytes[index] - UInt8(ascii: "0"))
                            digits += 1
                            index = bytes.index(after: index)
                        }
                        guard value <= 0xFF else {
                            error(line, column(escapeAt, in: whole), "the octal escape is larger than a byte (at most \\377)")
                            return nil
                        }
                        result.append(UInt8(value))
                        continue
                    case UInt8(ascii: "x"):
                        // A hexadecimal byte ("\x41" is "A"): every hex digit that follows, as msgfmt reads it.
                        var value = 0, digits = 0
                        index = bytes.index(after: index)
                        while index < bytes.endIndex, let digit = POReader.hexDigit(bytes[index]) {
                            value = min(value * 16 + digit, 0x1_0000)
                            digits += 1
                            index = bytes.index(after: index)
                        }
                        guard digits > 0, value <= 0xFF else {
                            error(line, column(escapeAt, in: whole), digits == 0 ? "'\\x' must be followed by hexadecimal digits" : "the hexadecimal escape is larger than a byte (at most \\xff)")
                            return nil
                        }
                        result.append(UInt8(value))
                        continue
                    default:
                        let escaped = whole[escapeAt...].unicodeScalars.dropFirst().first.map { String($0) } ?? ""
                        error(line, column(escapeAt, in: whole), "unknown escape '\\\(escaped)'")
                        return nil
                    }
                    index = bytes.index(after: index)
                    continue
                }
                result.append(byte)
                index = bytes.index(after: index)
            }
            error(line, column(text.startIndex, in: whole), "unterminated string")
            return nil
        }
    }
}
