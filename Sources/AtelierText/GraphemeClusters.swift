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
        let (starts, widths, count) = fillingTwoBuffers(capacity: units.count + 1, needed: { $0 + 1 }) {
            (starts: UnsafeMutablePointer<Int32>?, widths: UnsafeMutablePointer<UInt8>?, capacity: Int32) in
            units.withUnsafeBufferPointer { Int(atelier_clusters($0.baseAddress, Int32($0.count), starts, widths, capacity)) }
        }
        return (starts.prefix(count + 1).map(Int.init), widths.prefix(count).map(Int.init))
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
        let (positions, mandatory, count) = fillingTwoBuffers(capacity: units.count + 1, needed: { $0 }) {
            (positions: UnsafeMutablePointer<Int32>?, mandatory: UnsafeMutablePointer<UInt8>?, capacity: Int32) in
            units.withUnsafeBufferPointer { Int(atelier_line_breaks($0.baseAddress, Int32($0.count), positions, mandatory, capacity)) }
        }
        return (0..<count).map { (Int(positions[$0]), mandatory[$0] != 0) }
    }
}

/// Calls a C function that fills two parallel buffers of `capacity` entries each and returns its count, of which
/// `needed(count)` entries must fit (the C API's convention: it never writes past the capacity and says what it
/// needed); grows both buffers and calls again until they suffice.
func fillingTwoBuffers<A: FixedWidthInteger, B: FixedWidthInteger>(
    capacity initial: Int, needed: (Int) -> Int,
    _ fill: (UnsafeMutablePointer<A>?, UnsafeMutablePointer<B>?, Int32) -> Int
) -> (first: [A], second: [B], count: Int) {
    var capacity = initial
    while true {
        var first = [A](repeating: 0, count: capacity)
        var second = [B](repeating: 0, count: capacity)
        let count = first.withUnsafeMutableBufferPointer { a in
            second.withUnsafeMutableBufferPointer { b in fill(a.baseAddress, b.baseAddress, Int32(clamping: capacity)) }
        }
        if needed(count) <= capacity { return (first, second, count) }
        capacity = needed(count)
    }
}
