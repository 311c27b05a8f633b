/// What the store keeps of a lesson session, so that it resumes at the same step after anything.
public struct SavedProgress: Hashable, Sendable, Codable {
    public var moduleID: String
    public var moduleVersion: Int
    public var currentStep: String?
    public var history: [String]
    public var records: [String: StepRecord]
    /// Questions missed, to come back next time (in module order).
    public var reviewQueue: [String]
    public var completed: Bool
    public var seed: UInt64
    public var startedAt: Instant?
    public var completedAt: Instant?
    /// Time spent on the module over every session until this was saved (absent in files written before it).
    public var spentMilliseconds: Int64?
    /// True while a review of missed questions is under way (absent otherwise, and in files written before it):
    /// a module completed once and walked again resumes where the second walk was, a review resumes as a review.
    public var reviewing: Bool?

    public init(moduleID: String, moduleVersion: Int, currentStep: String?, history: [String],
                records: [String: StepRecord], reviewQueue: [String], completed: Bool, seed: UInt64,
                startedAt: Instant?, completedAt: Instant?) {
        self.moduleID = moduleID
        self.moduleVersion = moduleVersion
        self.currentStep = currentStep
        self.history = history
        self.records = records
        self.reviewQueue = reviewQueue
        self.completed = completed
        self.seed = seed
        self.startedAt = startedAt
        self.completedAt = completedAt
    }
}

extension SavedProgress {
    /// A question missed in a group quiz by a participant who joined with their kiosk profile: it goes into
    /// their review queue for the module (once), so the kiosk brings it back. A participant who never opened
    /// the module gets a progress that holds only that queue. The rule lives here, with the lesson walk; the
    /// store only writes what it returns.
    public static func missedInQuiz(_ step: String, module: String, previous: SavedProgress?, at now: Instant) -> SavedProgress {
        var progress = previous
            ?? SavedProgress(moduleID: module, moduleVersion: 0, currentStep: nil, history: [], records: [:],
                             reviewQueue: [], completed: false, seed: UInt64(bitPattern: now.milliseconds), startedAt: nil,
                             completedAt: nil)
        if !progress.reviewQueue.contains(step) { progress.reviewQueue.append(step) }
        return progress
    }
}
