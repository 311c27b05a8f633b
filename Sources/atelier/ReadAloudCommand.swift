import ArgumentParser
import AtelierSpeech
import Foundation

/// `atelier read-aloud --lang fr`: reads the segments on standard input (a JSON array of `{"text", "language"}`)
/// through eSpeak NG's audio output, the kiosk's own playback path, and returns when it has finished. The quiz
/// host runs it as a child process for its projector: eSpeak NG has one global state per process, and the host's
/// own is synthesising the phones' WAV files into memory (docs/facilitator-guide.md).
struct ReadAloudCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-aloud",
        abstract: "Read segments (JSON on standard input) aloud through this machine's audio output.",
        shouldDisplay: false
    )

    /// Exit statuses the quiz host tells apart.
    enum Status: Int32 {
        case read = 0, noSound = 3, noVoice = 4, badInput = 5
    }

    struct Segment: Decodable {
        var text: String
        var language: String
    }

    @Option(help: "The language whose voice reads (a registry code).") var lang: String = "fr"
    @Option(help: "slow, normal or fast.") var rate: String = "normal"

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard let speed = SpeechRate(rawValue: rate),
              let segments = try? JSONDecoder().decode([Segment].self, from: input) else { throw ExitCode(Status.badInput.rawValue) }
        guard let speech = ESpeakSpeech(mode: .playback) else {
            StandardStreams.writeError("atelier read-aloud: eSpeak NG could not start\n")
            throw ExitCode(Status.noSound.rawValue)
        }
        switch speech.speak(segments.map { SpeechSegment($0.text, language: $0.language) }, language: lang, rate: speed) {
        case .speaking:
            // eSpeak NG plays on its own thread, which takes the text a moment after `speak` returns (until then
            // it is not "speaking"): this process waits for it to start (a second at most), then to finish.
            var started = false
            for waited in 0... {
                if speech.isSpeaking { started = true } else if started || waited >= 20 { break }
                usleep(50_000)
            }
        case .noSound:
            StandardStreams.writeError("atelier read-aloud: no sound: \(speech.soundProblem ?? "no audio output")\n")
            throw ExitCode(Status.noSound.rawValue)
        case .noVoice:
            throw ExitCode(Status.noVoice.rawValue)
        }
    }
}
