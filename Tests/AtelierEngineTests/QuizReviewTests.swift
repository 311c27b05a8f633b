import AtelierEngine
import Testing

/// A question missed in a group quiz comes back at the kiosk: the rule is the engine's (the store only writes).
@Suite("Missed in a quiz")
struct QuizReviewTests {
    let now = Instant(milliseconds: 1_764_000_000_000)

    @Test func aParticipantWhoNeverOpenedTheModuleGetsOnlyAQueue() {
        let progress = SavedProgress.missedInQuiz("who", module: "coop", previous: nil, at: now)
        #expect(progress.reviewQueue == ["who"] && progress.currentStep == nil && !progress.completed)
        #expect(progress.moduleID == "coop" && progress.history.isEmpty)
    }

    @Test func aQuestionAlreadyQueuedIsNotQueuedTwiceAndTheWalkIsKept() {
        let walked = SavedProgress(moduleID: "coop", moduleVersion: 3, currentStep: "vote", history: ["intro", "who"], records: [:],
                                   reviewQueue: ["who"], completed: false, seed: 7, startedAt: now, completedAt: nil)
        let again = SavedProgress.missedInQuiz("who", module: "coop", previous: walked, at: now)
        #expect(again == walked)
        let other = SavedProgress.missedInQuiz("vote", module: "coop", previous: walked, at: now)
        #expect(other.reviewQueue == ["who", "vote"] && other.currentStep == "vote" && other.moduleVersion == 3)
    }
}
