import CEspeak
import Foundation
import Synchronization

/// eSpeak NG through its C library: offline, small, a voice for most of the kiosk's languages. The library
/// has one global state, so one object owns it per process, in one mode: synthesis into memory (`atelier
/// speak`, tests, the quiz host) or playback through its own audio output (the kiosk).
public final class ESpeakSpeech: Speech, Sendable {
    public enum Mode: Sendable { case memory, playback }

    public struct Synthesis: Sendable, Equatable {
        public var samples: [Int16]
        public var sampleRate: Int
        /// From the call to the first samples: the listen key's latency.
        public var firstSamplesAfter: Duration
        public var seconds: Double { Double(samples.count) / Double(sampleRate) }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unavailable
        case noVoice(String)
        case synthesis(Int32)

        public var description: String {
            switch self {
            case .unavailable: return "eSpeak NG could not start (is espeak-ng-data installed?)"
            case .noVoice(let code): return "no voice reads '\(code)' (eSpeak NG has none for it)"
            case .synthesis(let code): return "eSpeak NG failed (error \(code))"
            }
        }
    }

    public let mode: Mode
    public let sampleRate: Int
    /// Playback needs an audio output; without one the kiosk says "no sound" instead.
    public let hasAudioOutput: Bool

    /// nil when the library or its data is missing.
    public init?(mode: Mode) {
        self.mode = mode
        hasAudioOutput = mode == .playback && Self.audioOutputExists()
        // Without an output, playback would only print ALSA's complaints: the library starts in memory mode.
        let rate = atelier_espeak_start(mode == .playback && hasAudioOutput ? 1 : 0)
        guard rate > 0 else { return nil }
        sampleRate = Int(rate)
    }

    /// A sound card (ALSA playback device) or a PulseAudio/PipeWire server the process may use.
    static func audioOutputExists() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["PULSE_SERVER"] != nil { return true }
        if let runtime = environment["XDG_RUNTIME_DIR"], FileManager.default.fileExists(atPath: runtime + "/pulse/native") { return true }
        let devices = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/snd")) ?? []
        return devices.contains { $0.hasPrefix("pcmC") && $0.hasSuffix("p") }
    }

    /// Whether a voice may read this language of the registry.
    public func hasVoice(_ code: String) -> Bool {
        guard let language = SpeechVoice.espeakLanguage(for: code) else { return false }
        return atelier_espeak_has_voice(language) != 0
    }

    /// The segments as samples (memory mode).
    public func synthesize(_ segments: [SpeechSegment], language: String, rate: SpeechRate = .normal) -> Result<Synthesis, Failure> {
        guard let voice = SpeechVoice.espeakLanguage(for: language), hasVoice(language) else { return .failure(.noVoice(language)) }
        let document = SSML.document(segments, language: language)
        var samples: UnsafeMutablePointer<Int16>?
        var count = 0
        var first: Int64 = -1
        let error = atelier_espeak_synthesize(document, voice, Int32(rate.wordsPerMinute), &samples, &count, &first)
        defer { free(samples) }
        guard error == 0 else { return .failure(.synthesis(error)) }
        let buffer = samples.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
        return .success(Synthesis(samples: buffer, sampleRate: sampleRate, firstSamplesAfter: .nanoseconds(max(0, first))))
    }

    public func speak(_ segments: [SpeechSegment], language: String, rate: SpeechRate) -> SpeechOutcome {
        guard hasVoice(language), let voice = SpeechVoice.espeakLanguage(for: language) else { return .noVoice }
        guard mode == .playback && hasAudioOutput else { return .noSound }
        return atelier_espeak_play(SSML.document(segments, language: language), voice, Int32(rate.wordsPerMinute)) == 0 ? .speaking : .noSound
    }

    public func stop() { atelier_espeak_stop() }

    public var isSpeaking: Bool { atelier_espeak_is_playing() != 0 }
}
