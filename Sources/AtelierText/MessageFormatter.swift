import CAtelierICU

/// A value for a named MessageFormat argument.
public enum MessageArgument: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral
{
    case number(Double)
    case string(String)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// A MessageFormat pattern that ICU refused, with the UTF-16 offset of the problem when ICU knows it.
public struct MessageError: Error, Equatable, Sendable {
    public let code: String
    public let offset: Int?
}

/// What a pattern uses: checked by lint against the French source and the language's plural categories.
public struct MessageSummary: Equatable, Sendable {
    public let argumentNames: Set<String>
    public let pluralKeywords: Set<String>
}

/// ICU MessageFormat with named arguments: `{count, plural, one {# module} other {# modules}}`, `{name}`.
/// Numbers are formatted for the locale with Latin digits (participants learn to read French forms).
public enum MessageFormatter {
    public static func format(_ pattern: String, locale: String,
                              _ arguments: [String: MessageArgument] = [:]) -> Result<String, MessageError> {
        let patternUnits = pattern.utf16Units
        let entries = arguments.sorted { $0.key < $1.key }
        let names = entries.map { $0.key.utf16Units }
        let strings = entries.map { entry -> [UInt16] in
            if case .string(let s) = entry.value { return s.utf16Units }
            return []
        }
        let numbers = entries.map { entry -> Double in
            if case .number(let n) = entry.value { return n }
            return 0
        }
        let kinds = entries.map { entry -> UInt8 in
            if case .number = entry.value { return UInt8(ATELIER_ARG_NUMBER) }
            return UInt8(ATELIER_ARG_STRING)
        }
        let icuLocale = withLatinDigits(locale)
        var errorOffset: Int32 = -1
        var failure: Int32 = 0
        let result: [UInt16]? = withPointers(names) { namePointers in
            withPointers(strings) { stringPointers in
                withGrowingBuffer(initialCapacity: patternUnits.count * 2 + 64) { out, capacity in
                    let n = patternUnits.withUnsafeBufferPointer { p in
                        atelier_message_format(
                            icuLocale, p.baseAddress, Int32(p.count), Int32(entries.count), namePointers,
                            names.map { Int32($0.count) }, kinds, numbers, stringPointers,
                            strings.map { Int32($0.count) }, out, capacity, &errorOffset)
                    }
                    if n < 0 { failure = -n }
                    return n
                }
            }
        }
        guard let result else {
            return .failure(MessageError(code: errorName(failure), offset: errorOffset >= 0 ? Int(errorOffset) : nil))
        }
        return .success(String(utf16Units: result))
    }

    /// Parses `pattern` without formatting it: its argument names and the plural keywords it uses.
    public static func check(_ pattern: String) -> Result<MessageSummary, MessageError> {
        let units = pattern.utf16Units
        func split(_ buffer: [UInt16], _ length: Int32) -> Set<String> {
            let text = String(utf16Units: buffer.prefix(Int(length)))
            return Set(text.split(separator: "\n").map(String.init))
        }
        // A list longer than its buffer is not written: the buffers grow to the lengths ICU asked for, and again.
        var namesCapacity = units.count + 16
        var keywordsCapacity = units.count + 16
        while true {
            var names = [UInt16](repeating: 0, count: namesCapacity)
            var keywords = [UInt16](repeating: 0, count: keywordsCapacity)
            var namesLength: Int32 = 0
            var keywordsLength: Int32 = 0
            var errorOffset: Int32 = -1
            let status = units.withUnsafeBufferPointer { p in
                names.withUnsafeMutableBufferPointer { n in
                    keywords.withUnsafeMutableBufferPointer { k in
                        atelier_message_check(p.baseAddress, Int32(p.count), n.baseAddress, Int32(clamping: n.count),
                                              &namesLength, k.baseAddress, Int32(clamping: k.count), &keywordsLength,
                                              &errorOffset)
                    }
                }
            }
            guard status == 0 else {
                return .failure(MessageError(code: errorName(-status), offset: errorOffset >= 0 ? Int(errorOffset) : nil))
            }
            if Int(namesLength) <= names.count && Int(keywordsLength) <= keywords.count {
                return .success(MessageSummary(argumentNames: split(names, namesLength),
                                               pluralKeywords: split(keywords, keywordsLength)))
            }
            namesCapacity = max(namesCapacity, Int(namesLength))
            keywordsCapacity = max(keywordsCapacity, Int(keywordsLength))
        }
    }

    static func withLatinDigits(_ locale: String) -> String {
        if locale.contains("numbers=") { return locale }
        return locale + (locale.contains("@") ? ";numbers=latn" : "@numbers=latn")
    }

    private static func errorName(_ code: Int32) -> String {
        guard let name = atelier_error_name(code) else { return "error \(code)" }
        return String(cString: name)
    }

    private static func withPointers<R>(_ arrays: [[UInt16]],
                                        _ body: ([UnsafePointer<UInt16>?]) -> R) -> R {
        // Copies into one contiguous buffer so every pointer stays valid for the whole call.
        let flat: [UInt16] = arrays.flatMap { $0 } + [0]
        return flat.withUnsafeBufferPointer { base in
            var offset = 0
            var pointers: [UnsafePointer<UInt16>?] = []
            for array in arrays {
                pointers.append(base.baseAddress! + offset)
                offset += array.count
            }
            return body(pointers)
        }
    }
}

extension MessageFormatter {
    /// What a MessageFormat error means for an author or a translator, and what to write instead.
    public static func explain(_ error: MessageError) -> String {
        let advice: String
        switch error.code {
        case "U_UNMATCHED_BRACES":
            advice = "a brace is not closed: each { needs its }"
        case "U_PATTERN_SYNTAX_ERROR":
            advice = "this {…} is not a placeholder: write {name} as in the French, or {count, plural, one {…} other {…}}; a brace meant as text is written '{'"
        case "U_DEFAULT_KEYWORD_MISSING":
            advice = "a plural or select needs an 'other' case: add other {…}"
        case "U_DUPLICATE_KEYWORD":
            advice = "the same case is written twice in one plural or select"
        case "U_ARGUMENT_TYPE_MISMATCH", "U_ILLEGAL_ARGUMENT_ERROR":
            advice = "a placeholder has a type MessageFormat does not know: keep the French {name, number} or {count, plural, …}"
        default:
            advice = "MessageFormat cannot read this text"
        }
        return advice + " (ICU \(error.code))"
    }

    /// Where in `text` (UTF-16 offset) the placeholder of `error` starts, for a diagnostic at its column: ICU
    /// gives an offset for some syntax errors only (and 0 for an unclosed brace or a plural without `other`),
    /// so the placeholder is found here. Apostrophes quote as in ICU's default mode ('{' is a literal brace).
    public static func locate(_ error: MessageError, in text: String) -> Int? {
        let units = Array(text.utf16)
        let open = UInt16(UInt8(ascii: "{")), close = UInt16(UInt8(ascii: "}")), apostrophe = UInt16(UInt8(ascii: "'"))
        let quotable: Set<UInt16> = [open, close, UInt16(UInt8(ascii: "#")), UInt16(UInt8(ascii: "|"))]
        // Every argument's opening brace, and its closing one when it has it.
        var stack: [Int] = []
        var arguments: [(start: Int, end: Int?)] = []
        var quoted = false
        var k = 0
        while k < units.count {
            let unit = units[k]
            if unit == apostrophe {
                if k + 1 < units.count, units[k + 1] == apostrophe { k += 2; continue }  // '' is one apostrophe
                if quoted { quoted = false } else if k + 1 < units.count, quotable.contains(units[k + 1]) { quoted = true }
            } else if !quoted && unit == open {
                stack.append(arguments.count)
                arguments.append((k, nil))
            } else if !quoted && unit == close {
                guard let index = stack.popLast() else { return k }  // a closing brace with no opening one
                arguments[index].end = k
            }
            k += 1
        }
        // A brace left open is the problem, whatever ICU calls it.
        if let unclosed = stack.first { return arguments[unclosed].start }
        switch error.code {
        case "U_DEFAULT_KEYWORD_MISSING", "U_DUPLICATE_KEYWORD":
            // The first plural or select argument: "{name, plural" or "{name, select".
            for argument in arguments {
                let head = String(decoding: units[(argument.start + 1)..<min(units.count, argument.start + 60)], as: UTF16.self)
                let parts = head.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count >= 2, ["plural", "select", "selectordinal"].contains(String(parts[1].prefix { $0.isLetter })) {
                    return argument.start
                }
            }
            return error.offset
        default:
            // The placeholder around ICU's offset (the innermost one), else the first.
            guard let offset = error.offset else { return arguments.first?.start }
            let around = arguments.filter { $0.start <= offset && ($0.end ?? Int.max) >= offset }.max { $0.start < $1.start }
            return around?.start ?? offset
        }
    }
}
