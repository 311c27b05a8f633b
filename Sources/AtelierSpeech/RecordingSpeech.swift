import NIOConcurrencyHelpers

/// A `Speech` that keeps what it was asked to read, for the kiosk's tests (which segments, in which order),
/// and can play the part of a kiosk with or without sound.
public final class RecordingSpeech: Speech, Sendable {
    public let outcome: SpeechOutcome
    private let state = NIOLockedValueBox<(spoken: [[SpeechSegment]], speaking: Bool)>(([], false))

    public init(outcome: SpeechOutcome = .speaking) { self.outcome = outcome }

    public var spoken: [[SpeechSegment]] { state.withLockedValue { $0.spoken } }

    public func speak(_ segments: [SpeechSegment], language: String, rate: SpeechRate) -> SpeechOutcome {
        state.withLockedValue {
            $0.spoken.append(segments)
            $0.speaking = outcome == .speaking
        }
        return outcome
    }

    public func stop() { state.withLockedValue { $0.speaking = false } }

    public func hasVoice(_ code: String) -> Bool { SpeechVoice.espeakLanguage(for: code) != nil }

    public var isSpeaking: Bool { state.withLockedValue { $0.speaking } }
}
