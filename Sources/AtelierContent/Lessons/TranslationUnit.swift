/// One translatable text of a module or of the interface: its stable context (the PO `msgctxt`, e.g.
/// `cape-first/choices/cdi`), its French source (the `msgid`) and where it is written.
public struct TranslationUnit: Sendable, Equatable {
    public var context: String
    public var source: String
    public var location: SourceLocation
    /// Glossary terms of the step the text belongs to: translations keep them in French.
    public var glossaryTerms: [String]

    public init(context: String, source: String, location: SourceLocation, glossaryTerms: [String] = []) {
        self.context = context
        self.source = source
        self.location = location
        self.glossaryTerms = glossaryTerms
    }
}
