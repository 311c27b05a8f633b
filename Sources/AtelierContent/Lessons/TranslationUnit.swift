/// One translatable text of a module or of the interface: its stable context (the PO `msgctxt`, e.g.
/// `cape-first/choices/cdi`), its French source (the `msgid`) and where it is written.
public struct TranslationUnit: Sendable, Equatable {
    public var context: String
    public var source: String
    public var location: SourceLocation
    /// Glossary terms of the step the text belongs to: translations keep them in French.
    public var glossaryTerms: [String]

    /// A module's text, named by its key.
    public init(key: TranslationKey, source: String, location: SourceLocation, glossaryTerms: [String] = []) {
        self.init(context: key.rawValue, source: source, location: location, glossaryTerms: glossaryTerms)
    }

    /// Any text by its context as written (the interface's keys, a PO file's entries).
    public init(context: String, source: String, location: SourceLocation, glossaryTerms: [String] = []) {
        self.context = context
        self.source = source
        self.location = location
        self.glossaryTerms = glossaryTerms
    }
}
