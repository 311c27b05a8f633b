/// One lesson module, from `Lessons/<id>/module.yaml`, in French (the source language).
public struct Module: Sendable {
    public var id: String
    public var version: Int
    public var title: String
    public var summary: String
    /// Estimated duration.
    public var minutes: Int
    /// CEFR level of the French text (A1-C2).
    public var level: String
    public var sources: [Source]
    public var prerequisites: [String]
    /// French terms kept in every language, with a plain French meaning (translated).
    public var glossary: [GlossaryEntry]
    public var steps: [Step]
    public var path: String
    /// Where the module starts.
    public var location: SourceLocation
    /// Where references are written, for precise diagnostics: `prerequisites/<id>`, `<step>/next`,
    /// `<step>/options/<option>/next`, `<step>/when`.
    public var referenceLocations: [String: SourceLocation] = [:]
    /// The facts its texts refer to (`{fact.ID}`), from the lessons folder's facts.yaml.
    public var facts: FactTable = .empty

    public func location(of reference: String, or fallback: SourceLocation) -> SourceLocation {
        referenceLocations[reference] ?? fallback
    }

    public struct Source: Sendable, Equatable {
        public var title: String
        public var url: String
        public var checked: CalendarDate?
        public var location: SourceLocation
    }

    public struct GlossaryEntry: Sendable, Equatable {
        public var term: String
        public var meaning: String
        public var location: SourceLocation
    }

    /// Facts used as the answer of an input step (`number: {fact: ID}`).
    public var factAnswers: [String] { steps.compactMap(\.numberFact) }

    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

    public func index(of id: String) -> Int? { steps.firstIndex { $0.id == id } }

    /// Steps that are scored questions.
    public var questions: [Step] { steps.filter(\.content.isQuestion) }
}
