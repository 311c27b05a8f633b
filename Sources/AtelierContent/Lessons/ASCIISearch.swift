/// Where an ASCII marker (`{fact.`, `{fr:`) first occurs in a text, found on its UTF-8 bytes. Foundation's
/// `range(of:)` goes through CFString with a locale on Linux, and the standard library's `firstRange(of:)` compares
/// Characters (grapheme breaking at every step): either was a fifth to a quarter of the quiz host's start-up,
/// which checks every translation of its module (issue #24, perf). An ASCII byte in UTF-8 is always a whole scalar,
/// so the indices found are valid in the String.
enum ASCIISearch {
    static func firstRange(of needle: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let bytes = text.utf8
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == first {
                var candidate = bytes.index(after: index)
                var matched = 1
                while matched < pattern.count, candidate < bytes.endIndex, bytes[candidate] == pattern[matched] {
                    matched += 1
                    candidate = bytes.index(after: candidate)
                }
                if matched == pattern.count { return index..<candidate }
            }
            index = bytes.index(after: index)
        }
        return nil
    }
}
