/// Deterministic shuffling: the same participant sees the same order on every screen and after a resume,
/// and tests can name the order they expect.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator for `salt` (a step id, say) under a participant's `seed`.
    public init(seed: UInt64, salt: String = "") {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in salt.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = seed ^ hash
    }

    /// SplitMix64.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    /// Fisher-Yates with a seeded generator (the standard library's shuffle may change between versions).
    func seededShuffle(seed: UInt64, salt: String) -> [Element] {
        var generator = SeededGenerator(seed: seed, salt: salt)
        var copy = self
        guard copy.count > 1 else { return copy }
        for i in stride(from: copy.count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            copy.swapAt(i, j)
        }
        return copy
    }
}
