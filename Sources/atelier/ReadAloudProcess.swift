import AtelierSpeech
import Foundation
import NIOConcurrencyHelpers

/// The quiz projector's voice: `atelier read-aloud` as a child process, which plays through eSpeak NG's audio
/// output as the kiosk does. A child rather than this process's own eSpeak NG: the library has one global state
/// and one output mode per process, and the host's is synthesising the phones' WAV files into memory.
///
/// Without an audio output (no sound card, no sound server, a user outside the `audio` group) nothing is started:
/// `speak` answers `.noSound` at once, and `soundProblem` says why, for the host's log.
final class ReadAloudProcess: Speech, Sendable {
    let executable: String
    let soundProblem: String?
    private let child = NIOLockedValueBox(Child())

    /// Foundation's `Process` is not `Sendable`; this one is only touched inside the lock.
    private struct Child: @unchecked Sendable {
        var process: Process?
    }

    init(executable: String, soundProblem: String? = ESpeakSpeech.audioOutputProblem) {
        self.executable = executable
        self.soundProblem = soundProblem
    }

    struct Segment: Encodable {
        var text: String
        var language: String
    }

    func speak(_ segments: [SpeechSegment], language: String, rate: SpeechRate) -> SpeechOutcome {
        guard hasVoice(language) else { return .noVoice }
        guard soundProblem == nil else { return .noSound }
        stop()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["read-aloud", "--lang", language, "--rate", rate.rawValue]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        // ALSA's complaints would land on the projector: the exit status says what went wrong.
        process.standardError = FileHandle.nullDevice
        guard let json = try? JSONEncoder().encode(segments.map { Segment(text: $0.text, language: $0.language) }),
              (try? process.run()) != nil else { return .noSound }
        child.withLockedValue { $0.process = process }
        // A question and its choices are a few hundred bytes: far below a pipe's buffer, the write does not block.
        input.fileHandleForWriting.write(json)
        try? input.fileHandleForWriting.close()  // the child has what it needs; a close that fails changes nothing
        return .speaking
    }

    /// Ends the child (this process's own, by its id) if it is still reading.
    func stop() {
        child.withLockedValue { child in
            if let running = child.process, running.isRunning { running.terminate() }
            child.process = nil
        }
    }

    func hasVoice(_ code: String) -> Bool { SpeechVoice.espeakLanguage(for: code) != nil }

    var isSpeaking: Bool { child.withLockedValue { $0.process?.isRunning ?? false } }
}
