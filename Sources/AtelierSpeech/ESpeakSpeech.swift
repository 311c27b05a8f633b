import CEspeak
import Foundation

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
        case recording(String)

        public var description: String {
            switch self {
            case .unavailable: return "eSpeak NG could not start (is espeak-ng-data installed?)"
            case .noVoice(let code): return "no voice reads '\(code)' (eSpeak NG has none for it)"
            case .synthesis(let code): return "eSpeak NG failed (error \(code))"
            case .recording(let reason): return "a recording could not be read (\(reason))"
            }
        }
    }

    public let mode: Mode
    /// Screens with recordings are played piece by piece (playback mode).
    let player = SpeechPlayer()
    public let sampleRate: Int
    /// Playback needs an audio output; without one the kiosk says "no sound" instead.
    public let hasAudioOutput: Bool
    /// Why playback has no output: the kiosk logs it, so that "no sound on this kiosk" on screen has a cause
    /// someone can fix (most often: the kiosk's user is not in the `audio` group).
    public let soundProblem: String?

    /// nil when the library or its data is missing.
    public init?(mode: Mode) {
        self.mode = mode
        let output = Self.audioOutput()
        hasAudioOutput = mode == .playback && output.problem == nil
        soundProblem = mode == .playback ? output.problem : nil
        // Without an output, playback would only print ALSA's complaints: the library starts in memory mode.
        let rate = atelier_espeak_start(mode == .playback && hasAudioOutput ? 1 : 0)
        guard rate > 0 else { return nil }
        sampleRate = Int(rate)
    }

    /// Why this machine has no audio output the process may use, or nil when it has one: checked without
    /// starting the library, by a process that synthesises into memory but has another play (the quiz host).
    public static var audioOutputProblem: String? { audioOutput().problem }

    /// A sound card (ALSA playback device) or a PulseAudio/PipeWire server the process may use; if none, why.
    static func audioOutput() -> (exists: Bool, problem: String?) {
        let environment = ProcessInfo.processInfo.environment
        if environment["PULSE_SERVER"] != nil { return (true, nil) }
        if let runtime = environment["XDG_RUNTIME_DIR"], FileManager.default.fileExists(atPath: runtime + "/pulse/native") { return (true, nil) }
        guard let folder = opendir("/dev/snd") else {
            return (false, errno == ENOENT ? "no sound card (/dev/snd does not exist) and no sound server"
                                           : "/dev/snd cannot be read (\(String(cString: strerror(errno))))")
        }
        closedir(folder)
        let devices = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/snd")) ?? []  // just opened
        guard let playback = devices.first(where: { $0.hasPrefix("pcmC") && $0.hasSuffix("p") }) else {
            return (false, "no playback device in /dev/snd and no sound server")
        }
        // The device must open for writing by this user: not being in the `audio` group is the usual cause.
        guard access("/dev/snd/" + playback, W_OK) == 0 else {
            return (false, "/dev/snd/\(playback) cannot be opened by this user (\(String(cString: strerror(errno)))): add it to the audio group")
        }
        return (true, nil)
    }

    /// Whether a voice may read this language of the registry.
    public func hasVoice(_ code: String) -> Bool {
        guard let language = SpeechVoice.espeakLanguage(for: code) else { return false }
        return atelier_espeak_has_voice(language) != 0
    }

    /// The segments as samples (memory mode): recordings decoded and brought to the synthesiser's rate, in
    /// their place.
    public func synthesize(_ segments: [SpeechSegment], language: String, rate: SpeechRate = .normal) -> Result<Synthesis, Failure> {
        guard segments.contains(where: { $0.recording != nil }) else { return synthesizeText(segments, language: language, rate: rate) }
        var whole = Synthesis(samples: [], sampleRate: sampleRate, firstSamplesAfter: .zero)
        for (index, piece) in SpeechPlayer.pieces(segments).enumerated() {
            switch piece {
            case .synthesis(let run):
                switch synthesizeText(run, language: language, rate: rate) {
                case .success(let part):
                    if index == 0 { whole.firstSamplesAfter = part.firstSamplesAfter }
                    whole.samples += part.samples
                case .failure(let failure):
                    return .failure(failure)
                }
            case .recording(let path):
                switch AudioFile.decode(path) {
                case .success(let sound): whole.samples += AudioFile.resample(sound.samples, from: sound.sampleRate, to: sampleRate)
                case .failure(let failure): return .failure(.recording(failure.description))
                }
            }
        }
        return .success(whole)
    }

    func synthesizeText(_ segments: [SpeechSegment], language: String, rate: SpeechRate) -> Result<Synthesis, Failure> {
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
        player.stop()
        if segments.contains(where: { $0.recording != nil }) {
            player.play(segments, language: language, voice: voice, rate: rate)
            return .speaking
        }
        return atelier_espeak_play(SSML.document(segments, language: language), voice, Int32(rate.wordsPerMinute)) == 0 ? .speaking : .noSound
    }

    public func stop() { player.stop() }

    public var isSpeaking: Bool { player.isPlaying || atelier_espeak_is_playing() != 0 }
}
