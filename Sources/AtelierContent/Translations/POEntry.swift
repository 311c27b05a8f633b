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
