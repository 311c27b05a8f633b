/// Which screen a participant is looking at, as reading aloud tells screens apart: another place, another step
/// of a lesson, or the feedback of an answer is a new screen, read aloud at once when the participant asked for
/// that. A notice, the hint, the glossary, the French beside the text or the idle countdown change what is drawn
/// but not which screen it is: reading it all again for a detail would drown what the participant came for.
struct ScreenKey: Hashable {
    let place: String
    let lesson: Lesson?

    /// A lesson screen: the step, whether it is a review, and its phase (asking, or which feedback after how many
    /// tries, so that a second wrong answer is a new feedback).
    struct Lesson: Hashable {
        let module: Int
        let step: String?
        let review: Bool
        let phase: LessonState.Phase
        let attempts: Int
    }

    init(_ place: KioskPlace) {
        switch place {
        case .lesson(let lesson):
            let step = lesson.state.currentStep
            self.place = "lesson"
            self.lesson = Lesson(module: lesson.module, step: step, review: lesson.state.mode == .review, phase: lesson.state.phase,
                                 attempts: step.flatMap { lesson.state.records[$0]?.attempts } ?? 0)
            return
        case .welcome: self.place = "welcome"
        case .privacy: self.place = "privacy"
        case .profileMenu: self.place = "profile"
        case .newPseudonym: self.place = "pseudonym"
        case .newPIN: self.place = "new-pin"
        case .choosePseudonym: self.place = "choose"
        case .askPIN: self.place = "ask-pin"
        case .roamPIN: self.place = "roam-pin"
        // One screen while pictures are chosen: reading all twelve names again at each one would drown the count.
        case .pictures: self.place = "pictures"
        case .catalogue: self.place = "catalogue"
        case .reflectionConsent: self.place = "consent"
        case .summary(_, let module): self.place = "summary/\(module)"
        case .chooseLanguage: self.place = "languages"
        case .confirmLanguage: self.place = "confirm-language"
        case .readingSettings: self.place = "reading"
        case .exitPIN: self.place = "exit-pin"
        case .facilitator: self.place = "facilitator"
        case .outOfOrder: self.place = "out-of-order"
        }
        lesson = nil
    }
}
