/// A moment, in milliseconds since 1970. The engine never reads a clock: time arrives in events.
public struct Instant: Hashable, Comparable, Sendable, Codable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.milliseconds < b.milliseconds }

    /// Milliseconds from `earlier` to this instant, never negative (clocks may step back).
    public func since(_ earlier: Instant?) -> Int64 {
        guard let earlier else { return 0 }
        return max(0, milliseconds - earlier.milliseconds)
    }

    public func adding(milliseconds delta: Int64) -> Instant { Instant(milliseconds: milliseconds + delta) }
}
