/// One problem found in content, kept as a value: loaders and lint collect them all, never only the first.
public struct ContentDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// `note`: something an author should know that no edit of the content fixes today (a language that no
    /// voice reads); not counted as a warning, so that a clean tree still says "0 errors, 0 warnings".
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error
        var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var location: SourceLocation
    public var severity: Severity
    /// A stable identifier for tests and tools (`yaml-syntax`, `unknown-field`, ...).
    public var code: String
    public var message: String

    public init(location: SourceLocation, severity: Severity, code: String, message: String) {
        self.location = location
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// `Lessons/cae/module.yaml:12:5: error: unknown choice 'c' in 'answer'`
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
