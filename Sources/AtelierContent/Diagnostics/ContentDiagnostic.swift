/// One problem found in content, kept as a value: loaders and lint collect them all, never only the first.
public struct ContentDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
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
