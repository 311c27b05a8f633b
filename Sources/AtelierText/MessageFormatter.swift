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
        let capacity = units.count + 16
        var names = [UInt16](repeating: 0, count: capacity)
        var keywords = [UInt16](repeating: 0, count: capacity)
        var namesLength: Int32 = 0
        var keywordsLength: Int32 = 0
        var errorOffset: Int32 = -1
        let status = units.withUnsafeBufferPointer { p in
            atelier_message_check(p.baseAddress, Int32(p.count), &names, Int32(capacity), &namesLength,
                                  &keywords, Int32(capacity), &keywordsLength, &errorOffset)
        }
        guard status == 0 else {
            return .failure(MessageError(code: errorName(-status), offset: errorOffset >= 0 ? Int(errorOffset) : nil))
        }
        func split(_ buffer: [UInt16], _ length: Int32) -> Set<String> {
            let text = String(utf16Units: buffer.prefix(Int(length)))
            return Set(text.split(separator: "\n").map(String.init))
        }
        return .success(MessageSummary(argumentNames: split(names, namesLength),
                                       pluralKeywords: split(keywords, keywordsLength)))
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
