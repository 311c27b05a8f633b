/// How alike two French texts are, as GNU gettext's fstrcmp measures it (msgmerge's fuzzy matching):
/// 2 × (longest common subsequence of their UTF-8 bytes) / (their lengths added), from 0 to 1.
enum Similarity {
    /// msgmerge's FUZZY_THRESHOLD: a match must be strictly more similar than this.
    static let threshold = 0.6
    /// msgmerge's bonus for an entry of the same context (or of none).
    static let sameContextBonus = 0.00001

    static func ratio(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return Double(2 * CommonSubsequence(a).length(with: b)) / Double(a.count + b.count)
    }

    /// The best candidate for `source` among `candidates` (indices into `entries`), msgmerge's way: the
    /// highest similarity plus bonus above the threshold, the first in file order on a tie.
    static func best(for source: String, context: String, among candidates: [Int], in entries: [POEntry]) -> Int? {
        let target = Array(source.utf8)
        let targetCounts = byteCounts(target)
        let common = CommonSubsequence(target)
        var best: Int?
        var bestWeight = threshold
        for index in candidates {
            let entry = entries[index]
            let bonus = entry.context == nil || entry.context == context ? sameContextBonus : 0
            let other = Array(entry.id.utf8)
            // Cheap bounds first; the subsequence only when the candidate could still win.
            let total = Double(target.count + other.count)
            guard total > 0, Double(2 * min(target.count, other.count)) / total + bonus > bestWeight else { continue }
            let counts = byteCounts(other)
            let shared = (0..<256).reduce(0) { $0 + min(targetCounts[$1], counts[$1]) }
            guard Double(2 * shared) / total + bonus > bestWeight else { continue }
            let weight = Double(2 * common.length(with: other)) / total + bonus
            if weight > bestWeight {
                bestWeight = weight
                best = index
            }
        }
        return best
    }

    static func byteCounts(_ bytes: [UInt8]) -> [Int] {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        return counts
    }
}

/// The longest common subsequence's length against one fixed pattern, 64 pattern bytes per machine word
/// (Hyyrö's bit-parallel form of Allison and Dix): a fuzzy search compares one new text with every old one.
struct CommonSubsequence {
    let count: Int
    let words: Int
    /// For each byte value, the pattern positions that hold it, as bits.
    let masks: [UInt64]

    init(_ pattern: [UInt8]) {
        count = pattern.count
        words = max(1, (pattern.count + 63) / 64)
        var masks = [UInt64](repeating: 0, count: 256 * words)
        for (position, byte) in pattern.enumerated() {
            masks[Int(byte) * words + position / 64] |= 1 << UInt64(position % 64)
        }
        self.masks = masks
    }

    func length(with text: [UInt8]) -> Int {
        guard count > 0, !text.isEmpty else { return 0 }
        var row = [UInt64](repeating: ~0, count: words)
        row.withUnsafeMutableBufferPointer { v in
            masks.withUnsafeBufferPointer { masks in
                for byte in text {
                    let base = Int(byte) * words
                    var carry: UInt64 = 0
                    for w in 0..<words {
                        let match = masks[base + w], current = v[w]
                        let (sum, overflow) = current.addingReportingOverflow(current & match)
                        let (total, overflow2) = sum.addingReportingOverflow(carry)
                        carry = overflow || overflow2 ? 1 : 0
                        v[w] = total | (current & ~match)
                    }
                }
            }
        }
        // Each zero among the pattern's bits is one byte of the common subsequence.
        var length = 0
        for w in 0..<words {
            var zeros = ~row[w]
            if w == words - 1, count % 64 != 0 { zeros &= (1 << UInt64(count % 64)) - 1 }
            length += zeros.nonzeroBitCount
        }
        return length
    }
}
