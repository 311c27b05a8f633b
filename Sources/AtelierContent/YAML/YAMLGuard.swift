import AtelierText

/// Checks made before a YAML file reaches the parser, so that hostile or broken files cost bounded time and
/// memory and never crash the process: size, UTF-8, binary content and nesting depth (the parser recurses).
enum YAMLGuard {
    static let maximumBytes = 2 * 1024 * 1024
    static let maximumDepth = 64

    /// The decoded text, or the diagnostic that stops the file.
    /// `structure: false` skips the nesting scan (PO files have no nesting).
    static func text(of bytes: [UInt8], path: String, structure: Bool = true) -> Result<String, ContentDiagnostic> {
        func fail(_ line: Int, _ column: Int, _ code: String, _ message: String) -> Result<String, ContentDiagnostic> {
            .failure(ContentDiagnostic(location: SourceLocation(path: path, line: line, column: column),
                                       severity: .error, code: code, message: message))
        }
        if bytes.count > maximumBytes {
            return fail(1, 1, "file-too-large", "file is \(bytes.count / 1024) KiB; a content file may be at most \(maximumBytes / 1024 / 1024) MiB")
        }
        let invalid = bytes.withUnsafeBufferPointer { buffer -> Int? in
            if case .failure(let bad) = UTF8Validation.validate(buffer) { return bad.byteOffset }
            return nil
        }
        if let offset = invalid {
            let (line, column) = position(ofByte: offset, in: bytes)
            return fail(line, column, "invalid-utf8", "not valid UTF-8 (byte offset \(offset)); save the file as UTF-8")
        }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(ofByte: nul, in: bytes)
            return fail(line, column, "binary-file", "a NUL byte: this looks like a binary file, not text")
        }
        // A byte order mark (some Windows editors write one) is not text: libyaml, reading Yams' UTF-8, would
        // take it for content and refuse the file at its second line.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = String(decoding: bytes[start...], as: UTF8.self)
        guard structure else { return .success(text) }
        switch scan(text) {
        case .tooDeep(let line, let column)?:
            return fail(line, column, "nesting-too-deep", "nesting deeper than \(maximumDepth) levels")
        case nil:
            return .success(text)
        }
    }

    /// Line and column (in Unicode scalars, 1-based) of byte `offset`.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    enum Problem: Equatable {
        case tooDeep(line: Int, column: Int)
    }

    /// The first place where flow brackets or block indentation go deeper than the limit (the parser
    /// recurses; anchors, tags and merge keys are refused from the parser's own events, in YAMLDocument). Quoted scalars, comments and block scalars (`|`, `>`) are skipped; a
    /// quote opens a scalar only where a node may begin (an apostrophe inside French prose does not).
    static func scan(_ text: String) -> Problem? {
        var depth = 0
        var line = 1, column = 0
        var quote: Unicode.Scalar?
        var comment = false
        var lineStart = true
        var indentation = 0
        var dashes = 0
        var previous: Unicode.Scalar = "\n"  // the last character that was not a space
        var spaceBefore = false
        var blockIndentation: Int?  // inside a block scalar started on a line with this indentation
        var skipLine = false
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" {
                line += 1
                column = 0
                comment = false
                lineStart = true
                indentation = 0
                dashes = 0
                skipLine = false
                if quote == nil { previous = "\n" }
                continue
            }
            if skipLine { continue }
            if let open = quote {
                if scalar == open { quote = nil }
                previous = scalar
                continue
            }
            if lineStart {
                if scalar == " " {
                    indentation += 1
                    if indentation > maximumDepth * 8 { return .tooDeep(line: line, column: column) }
                    continue
                }
                if let block = blockIndentation {
                    if indentation > block { skipLine = true; continue }
                    blockIndentation = nil
                }
                if scalar == "-" {
                    dashes += 1
                    if dashes > maximumDepth { return .tooDeep(line: line, column: column) }
                    previous = scalar
                    continue
                }
                lineStart = false
            }
            if comment { continue }
            if scalar == " " {
                spaceBefore = true
                continue
            }
            defer { spaceBefore = false }
            let nodeStart = [":", "-", "[", "{", ",", "?", "\n"].contains(previous)
            switch scalar {
            case "#" where previous == "\n" || spaceBefore:
                comment = true
            case "\"", "'":
                if nodeStart { quote = scalar }
            case "|", ">":
                if nodeStart && (previous == ":" || previous == "-") {
                    blockIndentation = indentation
                    skipLine = true
                }
            case "[", "{":
                depth += 1
                if depth > maximumDepth { return .tooDeep(line: line, column: column) }
            case "]", "}":
                depth = max(0, depth - 1)
            default:
                break
            }
            previous = scalar
        }
        return nil
    }
}
