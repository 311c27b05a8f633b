import AtelierEngine
import AtelierSpeech

extension SpeechRate {
    /// The flow's reading speed as the speech library's rate: the same three steps.
    public init(_ speed: ReadingSpeed) {
        switch speed {
        case .slow: self = .slow
        case .normal: self = .normal
        case .fast: self = .fast
        }
    }
}

extension ReadingSpeed {
    /// The kiosk's rate (`KioskController.Options.speechRate`) as the flow's speed.
    public init(_ rate: SpeechRate) {
        switch rate {
        case .slow: self = .slow
        case .normal: self = .normal
        case .fast: self = .fast
        }
    }
}
