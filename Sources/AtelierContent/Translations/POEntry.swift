/// One entry of a gettext PO file, with everything translators' tools put around it.
public struct POEntry: Sendable, Equatable {
    /// `# ` lines: the translator's own notes.
    public var translatorComments: [String] = []
    /// `#.` lines: notes for translators from the source.
    public var extractedComments: [String] = []
    /// `#:` lines: where the source text is.
    public var references: [String] = []
    /// `#,` flags such as `fuzzy`.
    public var flags: [String] = []
    /// `#| msgctxt` and `#| msgid`: the source this translation was made for, before it changed.
    public var previousContext: String?
    public var previousID: String?
    public var previousIDPlural: String?
    public var context: String?
    public var id: String = ""
    public var idPlural: String?
    /// `msgstr`, or `msgstr[0]`, `msgstr[1]`, ... for plural entries.
    public var strings: [String] = [""]
    /// `#~` entries: kept for translation memory, no longer in the source.
    public var isObsolete = false
    /// Line of the entry's first keyword (1-based), for diagnostics.
    public var line: Int = 0
    /// Line of its first `msgstr`.
    public var stringLine: Int = 0
    /// Where each `msgstr` was written in the file, line by line, for diagnostics at an exact column.
    public var stringSpans = StringSpans()

    public init() {}

    public init(context: String?, id: String, string: String = "") {
        self.context = context
        self.id = id
        self.strings = [string]
    }

    public var isFuzzy: Bool { flags.contains("fuzzy") }
    public var isHeader: Bool { id.isEmpty && context == nil && !isObsolete }
    public var string: String { strings.first ?? "" }
    public var isTranslated: Bool { !strings.contains(where: \.isEmpty) }

    public mutating func setFuzzy(_ fuzzy: Bool) {
        flags.removeAll { $0 == "fuzzy" }
        if fuzzy { flags.insert("fuzzy", at: 0) }
    }
}

/// Where the quoted pieces of a translation were read: a diagnostic about a character of the translation (a
/// MessageFormat error, say) can then point at its line and column in the PO file. Not part of what an entry
/// says: two entries with the same texts are equal wherever they were read.
public struct StringSpans: Sendable, Equatable {
    public struct Segment: Sendable {
        public var line: Int
        /// Column (1-based, in Unicode scalars) of the first character inside the quotes.
        public var column: Int
        /// The text between the quotes, escapes as written.
        public var raw: String
    }

    /// Segments of `msgstr` (index 0) or `msgstr[n]`.
    public var segments: [[Segment]] = []

    public static func == (a: StringSpans, b: StringSpans) -> Bool { true }

    mutating func add(_ segment: Segment, to index: Int) {
        while segments.count <= index { segments.append([]) }
        segments[index].append(segment)
    }

    /// Line and column in the file of the character at UTF-16 `offset` of string `index` (as ICU counts
    /// offsets), escapes taken into account; nil when the string was not read from a file.
    public func position(ofOffset offset: Int, inString index: Int = 0) -> (line: Int, column: Int)? {
        guard segments.indices.contains(index), !segments[index].isEmpty else { return nil }
        var remaining = max(0, offset)
        var last: (Int, Int)?
        for segment in segments[index] {
            let scalars = Array(segment.raw.unicodeScalars)
            var k = 0
            var column = segment.column
            while k < scalars.count {
                if remaining == 0 { return (segment.line, column) }
                let length = scalars[k] == "\\" ? Self.escapeLength(scalars, at: k) : 1
                remaining -= length == 1 ? scalars[k].utf16.count : 1
                k += length
                column += length
            }
            last = (segment.line, column)
            if remaining < 0 { return (segment.line, column) }
        }
        return last.map { (line: $0.0, column: $0.1) }
    }

    /// How many scalars an escape written at `k` takes: \n, \101, \x41...
    static func escapeLength(_ scalars: [Unicode.Scalar], at k: Int) -> Int {
        guard k + 1 < scalars.count else { return 1 }
        let next = scalars[k + 1]
        if ("0"..."7").contains(next) {
            var n = 1
            while n < 3, k + 1 + n < scalars.count, ("0"..."7").contains(scalars[k + 1 + n]) { n += 1 }
            return 1 + n
        }
        if next == "x" {
            var n = 0
            while k + 2 + n < scalars.count, scalars[k + 2 + n].properties.isASCIIHexDigit { n += 1 }
            return 2 + n
        }
        return 2
    }
}
