/// A participant's walk through one module: everything the screens and the store need, nothing else.
public struct LessonState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case lesson, review }

    public enum Status: Hashable, Sendable {
        case notStarted
        case inProgress
        case completed(LessonSummary)
        case ended
    }

    /// Where the current step stands.
    public enum Phase: Hashable, Sendable {
        /// Showing the step, waiting for an answer (or for "continue" on a text step).
        case asking
        /// After an attempt: the result, and whether the question is finished (right, or no attempt left).
        case feedback(AnswerResult, finished: Bool)
    }

    public var moduleID: String
    public var moduleVersion: Int
    public var language: String = "fr"
    public var mode: Mode = .lesson
    public var status: Status = .notStarted
    public var currentStep: String?
    public var phase: Phase = .asking
    /// Steps visited, in order, for "back".
    public var history: [String] = []
    public var records: [String: StepRecord] = [:]
    public var reviewQueue: [String] = []
    /// The questions of the review in progress, fixed when it starts.
    public var reviewSteps: [String] = []
    /// The French original shown under the translation.
    public var showFrench = false
    /// The hint of the current step is on screen.
    public var hintShown = false
    public var seed: UInt64 = 0
    public var startedAt: Instant?
    public var stepShownAt: Instant?
    public var glossaryMet: [String] = []
    /// Time spent on the module in earlier sessions (a participant who comes back), in milliseconds.
    public var earlierMilliseconds: Int64 = 0
    /// The last event that carried a time in this session: the session's time is up to it.
    public var lastEventAt: Instant?

    public init(moduleID: String, moduleVersion: Int) {
        self.moduleID = moduleID
        self.moduleVersion = moduleVersion
    }

    /// When the module was completed (the first time), if it was.
    public var completedAt: Instant?

    public var isCompleted: Bool {
        if case .completed = status { return true }
        return false
    }

    /// Time spent on the module up to `at`, across sessions (the time away is not counted).
    public func spentMilliseconds(upTo at: Instant?) -> Int64 {
        earlierMilliseconds + max(0, (at ?? startedAt).map { $0.since(startedAt) } ?? 0)
    }

    public var progress: SavedProgress {
        var saved = SavedProgress(moduleID: moduleID, moduleVersion: moduleVersion, currentStep: currentStep, history: history,
                                  records: records, reviewQueue: reviewQueue, completed: completedAt != nil, seed: seed,
                                  startedAt: startedAt, completedAt: completedAt)
        saved.spentMilliseconds = spentMilliseconds(upTo: lastEventAt)
        if mode == .review && currentStep != nil { saved.reviewing = true }
        return saved
    }
}
