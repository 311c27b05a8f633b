/// The end of a module (or of a review): what the participant sees on the summary screen.
public struct LessonSummary: Hashable, Sendable, Codable {
    /// Credit earned on the questions answered (partial credit counts).
    public var score: Double
    public var maximum: Int
    public var milliseconds: Int64
    /// Questions missed, in module order: they come back for review.
    public var missed: [String]
    /// Glossary terms met on the way, in order.
    public var glossaryMet: [String]
    public var review: Bool

    public init(score: Double, maximum: Int, milliseconds: Int64, missed: [String], glossaryMet: [String], review: Bool) {
        self.score = score
        self.maximum = maximum
        self.milliseconds = milliseconds
        self.missed = missed
        self.glossaryMet = glossaryMet
        self.review = review
    }
}
