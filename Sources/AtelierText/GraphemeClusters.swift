import CAtelierICU

/// Extended grapheme clusters as ICU 72 (Unicode 15.0) finds them, each with its terminal width.
public struct GraphemeClusters: Sendable {
    /// UTF-16 offset where each cluster starts, then the text's length.
    public let boundaries: [Int]
    /// Terminal width of each cluster: East Asian wide and emoji sequences 2, marks and ignorables 0.
    public let widths: [Int]

    public init(of text: String) {
        self.init(units: text.utf16Units)
    }

    public init(units: [UInt16]) {
        let split = Self.split(units)
        boundaries = split.boundaries
        widths = split.widths
    }

    /// `count + 1` entries are needed for `count` clusters; `units.count + 1` always suffice, and should the C
    /// side ever count more, the buffers grow to its count and the text is split again.
    private static func split(_ units: [UInt16]) -> (boundaries: [Int], widths: [Int]) {
        var capacity = units.count + 1
        while true {
            var starts = [Int32](repeating: 0, count: capacity)
            var widths = [UInt8](repeating: 0, count: capacity)
            let count = units.withUnsafeBufferPointer { text in
                starts.withUnsafeMutableBufferPointer { s in
                    widths.withUnsafeMutableBufferPointer { w in
                        Int(atelier_clusters(text.baseAddress, Int32(text.count), s.baseAddress, w.baseAddress,
                                             Int32(clamping: min(s.count, w.count))))
                    }
                }
            }
            if count + 1 <= capacity {
                return (starts.prefix(count + 1).map(Int.init), widths.prefix(count).map(Int.init))
            }
            capacity = count + 1
        }
    }

    public var count: Int { widths.count }
}

public enum DisplayWidth {
    /// Columns `text` takes in a terminal, counted per grapheme cluster.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.utf16Units.withUnsafeBufferPointer { Int(atelier_display_width($0.baseAddress, Int32($0.count))) }
    }

    /// Columns of one code point (used where a single scalar is drawn on its own).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        Int(atelier_codepoint_width(scalar.value))
    }

    /// `text` cut to at most `columns`, never inside a grapheme cluster; `ellipsis` marks a cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard of(text) > columns else { return text }
        let units = text.utf16Units
        let clusters = GraphemeClusters(units: units)
        let room = max(0, columns - of(ellipsis))
        var used = 0
        var end = 0
        for index in 0..<clusters.count {
            if used + clusters.widths[index] > room { break }
            used += clusters.widths[index]
            end = clusters.boundaries[index + 1]
        }
        return String(utf16Units: units[0..<end]) + (room < columns ? ellipsis : "")
    }
}

public enum LineBreaks {
    /// Offsets (UTF-16) before which a line may break, as ICU's UBRK_LINE finds them; `mandatory` marks
    /// the breaks that must happen (after a hard line break).
    public static func opportunities(in text: String) -> [(offset: Int, mandatory: Bool)] {
        let units = text.utf16Units
        // One opportunity per unit at most; should the C side count more, the buffers grow and it runs again.
        var capacity = units.count + 1
        while true {
            var positions = [Int32](repeating: 0, count: capacity)
            var mandatory = [UInt8](repeating: 0, count: capacity)
            let count = units.withUnsafeBufferPointer { t in
                positions.withUnsafeMutableBufferPointer { p in
                    mandatory.withUnsafeMutableBufferPointer { m in
                        Int(atelier_line_breaks(t.baseAddress, Int32(t.count), p.baseAddress, m.baseAddress,
                                                Int32(clamping: min(p.count, m.count))))
                    }
                }
            }
            if count <= capacity { return (0..<count).map { (Int(positions[$0]), mandatory[$0] != 0) } }
            capacity = count
        }
    }
}
