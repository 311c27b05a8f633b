/// Where a participant stands on one step: enough to score it, branch on it, and resume it.
public struct StepRecord: Hashable, Sendable, Codable {
    public var attempts = 0
    public var hintUsed = false
    /// The result that counts (the first time the step was finished): nil until then, and for text steps.
    public var correct: Bool?
    public var credit: Double = 0
    /// The last choice or option taken, for `when: {chose: ...}` conditions.
    public var chosen: String?
    public var finished = false

    public init() {}
}
