import AtelierSpeech
import Foundation
import Testing

/// Recorded voices (issue #19): a person's recording of a text, decoded with the real libsndfile and put in its
/// place among synthesised sentences. Playback itself needs a sound card this machine does not have; the kiosk
/// then says "no sound" (KioskFlowTests), and what would be played is what `synthesize` returns.
@Suite("Recorded voices", .serialized)
struct RecordingTests {
    static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-recordings-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// One second of a 440 Hz tone: a stand-in for a voice that any decoder must give back.
    static func tone(rate: Int, seconds: Double = 1) -> [Int16] {
        (0..<Int(Double(rate) * seconds)).map { Int16(8_000 * sin(2 * Double.pi * 440 * Double($0) / Double(rate))) }
    }

    @Test(arguments: [("tone.wav", 22_050), ("tone.opus", 48_000), ("tone-16k.opus", 16_000)])
    func aRecordingIsDecodedWithItsLengthAndSound(_ name: String, _ rate: Int) throws {
        let path = Self.folder + "/" + name
        try AudioFile.write(AudioFile.Sound(samples: Self.tone(rate: rate), sampleRate: rate), to: path).get()
        let sound = try AudioFile.decode(path).get()
        // Opus keeps its own rates (8, 12, 16, 24, 48 kHz) and may pad a few milliseconds.
        #expect(sound.sampleRate == rate)
        #expect(abs(sound.seconds - 1) < 0.05, "\(sound.seconds) s")
        let rms = (sound.samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, sound.samples.count))).squareRoot()
        #expect(rms > 4_000 && rms < 7_000, "rms \(rms)")  // 8000 / √2 for the tone, give or take the codec
    }

    @Test(arguments: [
        ("missing.opus", nil),
        ("not-audio.opus", "This is a text file, not a recording."),
        ("empty.wav", ""),
    ] as [(String, String?)])
    func aFileThatIsNoRecordingSaysWhy(_ name: String, _ contents: String?) throws {
        let path = Self.folder + "/" + name
        if let contents { try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        guard case .failure(let failure) = AudioFile.decode(path) else {
            Issue.record("\(name) decoded")
            return
        }
        #expect(failure.path == path && !failure.reason.isEmpty)
    }

    @Test func resamplingKeepsTheDuration() {
        let tone = Self.tone(rate: 48_000)
        let resampled = AudioFile.resample(tone, from: 48_000, to: 22_050)
        #expect(resampled.count == 22_050)
        #expect(AudioFile.resample(tone, from: 48_000, to: 48_000) == tone)
    }

    /// A screen read in French for a Pashto participant, with one text recorded in Pashto: the recording is in
    /// its place, between the synthesised sentences, at the synthesiser's rate.
    @Test func aRecordingTakesItsPlaceAmongSynthesisedSentences() throws {
        let speech = try #require(ESpeakSpeech(mode: .memory), "eSpeak NG could not start (make deps)")
        let path = Self.folder + "/body.opus"
        try AudioFile.write(AudioFile.Sound(samples: Self.tone(rate: 48_000, seconds: 2), sampleRate: 48_000), to: path).get()
        let before = SpeechSegment("Bonjour.", language: "fr"), after = SpeechSegment("Tapez 1 pour continuer.", language: "fr")
        let mixed = try speech.synthesize([before, SpeechSegment(recording: path, of: "سلام", language: "ps"), after], language: "fr").get()
        let first = try speech.synthesize([before], language: "fr").get(), last = try speech.synthesize([after], language: "fr").get()
        let recorded = mixed.samples.count - first.samples.count - last.samples.count
        // eSpeak NG's pauses around a sentence vary a little from call to call; the tone is 2 s.
        #expect(abs(Double(recorded) / Double(mixed.sampleRate) - 2) < 0.2, "\(recorded) samples for a 2 s recording")
        // In order: a synthesised sentence, then the tone (loud throughout its middle second), then the next one.
        let rate = mixed.sampleRate
        func rms(_ samples: ArraySlice<Int16>) -> Double {
            (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, samples.count))).squareRoot()
        }
        let toneMiddle = mixed.samples[(first.samples.count + rate / 2)..<(first.samples.count + 3 * rate / 2)]
        #expect(rms(toneMiddle) > 4_000 && rms(toneMiddle) < 7_000, "rms \(rms(toneMiddle))")
        #expect(rms(mixed.samples.prefix(first.samples.count)) > 300, "a sentence before the recording")
        #expect(rms(mixed.samples.suffix(last.samples.count)) > 300, "a sentence after the recording")
    }

    @Test func aScreenWithAnUnreadableRecordingFailsWithItsPath() throws {
        let speech = try #require(ESpeakSpeech(mode: .memory))
        let path = Self.folder + "/broken.opus"
        try "no".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(.recording(let reason)) = speech.synthesize([SpeechSegment(recording: path, of: "x", language: "ps")], language: "fr") else {
            Issue.record("synthesised")
            return
        }
        #expect(reason.contains(path))
    }
}
