/// Reading a screen aloud, as the kiosk asks for it. The kiosk's flow decides when (the listen key); the shell
/// gives the segments to an implementation: eSpeak NG (ESpeakSpeech), or a recording one in tests.
public protocol Speech: AnyObject, Sendable {
    /// Starts reading at once and returns without waiting for the end: a key pressed meanwhile is handled.
    func speak(_ segments: [SpeechSegment], language: String, rate: SpeechRate) -> SpeechOutcome
    func stop()
    /// Whether a voice may read this language of the registry here.
    func hasVoice(_ code: String) -> Bool
    /// Still reading.
    var isSpeaking: Bool { get }
    /// Why there is no sound, for the kiosk's log (nil when there is an output, or nothing to say).
    var soundProblem: String? { get }
}

extension Speech {
    public var soundProblem: String? { nil }
}

public enum SpeechOutcome: Sendable, Equatable {
    case speaking
    /// The machine has no audio output: the screen says so instead of failing.
    case noSound
    /// No voice may read this language (Pashto, Tigrinya): the French reading is offered instead.
    case noVoice
}
