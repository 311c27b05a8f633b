/// A typed answer reduced to what matters for comparing it with an accepted answer.
///
/// Two texts have the same key when a teacher would accept one for the other: case, accents that the
/// language does not count as letters (French é = e, but Spanish ñ ≠ n and Turkish ı ≠ i), punctuation and
/// spaces, Arabic-script letter variants (ي/ی, ك/ک, ة/ه, أ/إ/آ/ا), tatweel and harakat, and the script of
/// the digits (٣ = ۳ = ௩ = 3) are ignored. Built from NFKC case folding plus an ICU collator of the
/// participant's language at primary strength with punctuation shifted.
public struct MatchKey: Hashable, Sendable {
    /// One element per grapheme cluster that carries a primary weight: the unit of typo tolerance.
    public let elements: [UInt64]

    public init(_ text: String, locale: String) {
        let language = locale.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "@" }).first.map(String.init) ?? ""
        let folded = Folding.fold(text.utf16Units, turkic: language == "tr" || language == "az")
        let clusters = GraphemeClusters(units: folded)
        var elements: [UInt64] = []
        elements.reserveCapacity(clusters.count)
        for index in 0..<clusters.count {
            let cluster = Array(folded[clusters.boundaries[index]..<clusters.boundaries[index + 1]])
            let key = CollatorCache.shared.primaryKey(cluster, locale: locale)
            if !key.isEmpty { elements.append(Self.pack(key)) }
        }
        self.elements = elements
    }

    public var isEmpty: Bool { elements.isEmpty }

    /// Levenshtein distance in grapheme clusters, computed only up to `limit + 1`.
    public func distance(to other: MatchKey, limit: Int = 1) -> Int {
        let a = elements, b = other.elements
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return min(a.isEmpty ? b.count : previous[b.count], limit + 1)
    }

    private static func pack(_ bytes: [UInt8]) -> UInt64 {
        if bytes.count <= 7 {
            return bytes.reduce(UInt64(bytes.count)) { ($0 << 8) | UInt64($1) }
        }
        // FNV-1a with the top bit set, so that it never equals a packed short key.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash | (1 << 63)
    }
}
