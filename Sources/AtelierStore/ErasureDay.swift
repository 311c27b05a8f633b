/// Erasures of one day, for the report: how many, never whom.
public struct ErasureDay: Hashable, Sendable {
    public var day: String
    public var count: Int

    public init(day: String, count: Int) {
        self.day = day
        self.count = count
    }
}
