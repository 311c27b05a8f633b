/// Where one translatable text stands in one language.
public enum TranslationState: String, Sendable, CaseIterable, Codable {
    /// Translated from the current French source, not marked for review.
    case translated
    /// Marked `#, fuzzy`: a translator must review it before it is shown.
    case fuzzy
    /// Made for an older French source: the French changed since.
    case stale
    /// No translation yet.
    case missing
}

/// Counts of each state for one module (or the interface) in one language.
public struct TranslationCounts: Sendable, Equatable, Codable {
    public var translated = 0
    public var fuzzy = 0
    public var stale = 0
    public var missing = 0

    public init() {}

    public var total: Int { translated + fuzzy + stale + missing }

    /// Whole percent translated; 100 only when everything is.
    public var percent: Int {
        guard total > 0 else { return 100 }
        return translated == total ? 100 : min(99, translated * 100 / total)
    }

    mutating func count(_ state: TranslationState) {
        switch state {
        case .translated: translated += 1
        case .fuzzy: fuzzy += 1
        case .stale: stale += 1
        case .missing: missing += 1
        }
    }
}
