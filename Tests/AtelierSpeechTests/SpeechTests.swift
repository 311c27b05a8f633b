import AtelierSpeech
import Foundation
import Testing

/// Read-aloud with the real eSpeak NG library (issue #19): real synthesis, not a mock, for the library layer.
@Suite("Read-aloud with eSpeak NG", .serialized)
struct SpeechTests {
    static let speech = ESpeakSpeech(mode: .memory)

    /// One screen's worth of text per language, with its plausible length once read (at the normal rate).
    @Test(arguments: [
        ("fr", "Vous demandez le renouvellement de votre titre de séjour sur internet, avant la fin de votre carte."),
        ("ar", "تطلب تجديد بطاقة الإقامة على الإنترنت، قبل نهاية صلاحية بطاقتك."),
        ("zh", "您在网上申请延长居留证，要在居留证到期之前申请。"),
        ("ta", "உங்கள் வதிவிட அட்டை காலாவதியாகும் முன் இணையத்தில் புதுப்பிக்க விண்ணப்பிக்கவும்."),
    ])
    func aScreenIsReadAloudAndSoundsLikeSpeech(code: String, text: String) throws {
        let speech = try #require(Self.speech, "eSpeak NG could not start: install libespeak-ng-dev and espeak-ng-data (make deps)")
        #expect(speech.hasVoice(code))
        let synthesis = try speech.synthesize([SpeechSegment(text, language: code)], language: code).get()
        #expect(synthesis.sampleRate == 22_050)
        // A dozen words: between 2 and 20 seconds of sound, not silence.
        #expect(synthesis.seconds > 2 && synthesis.seconds < 20, "\(synthesis.seconds) s")
        let loud = synthesis.samples.filter { abs(Int($0)) > 1_000 }.count
        #expect(Double(loud) / Double(synthesis.samples.count) > 0.05, "mostly silent")
        let rms = (synthesis.samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(synthesis.samples.count)).squareRoot()
        #expect(rms > 300, "rms \(rms)")
    }

    /// Slower is longer: the three speeds a participant may choose.
    @Test func theSlowSpeedIsSlower() throws {
        let speech = try #require(Self.speech)
        let text = [SpeechSegment("Vous demandez le renouvellement de votre titre de séjour sur internet.", language: "fr")]
        let slow = try speech.synthesize(text, language: "fr", rate: .slow).get().seconds
        let fast = try speech.synthesize(text, language: "fr", rate: .fast).get().seconds
        #expect(slow > fast * 1.2, "slow \(slow) s, fast \(fast) s")
    }

    /// Pashto and Tigrinya have no eSpeak NG voice, and are never read with a neighbour's (Persian, Amharic).
    @Test(arguments: ["ps", "ti"])
    func languagesWithoutAVoiceSaySo(code: String) throws {
        let speech = try #require(Self.speech)
        #expect(!speech.hasVoice(code))
        #expect(speech.synthesize([SpeechSegment("سلام", language: code)], language: code) == .failure(.noVoice(code)))
        #expect(speech.speak([SpeechSegment("ሰላም", language: code)], language: code, rate: .normal) == .noVoice)
    }

    /// A Dari sentence with a French term: the French voice exactly around the term, the Persian voice (fa)
    /// for the rest; marks and glossary terms both count as French.
    @Test func aFrenchTermInsideADariSentenceIsReadInFrench() throws {
        let segments = SpeechScript.segments("برای {fr:titre de séjour} به préfecture بروید.", language: "prs", frenchTerms: ["préfecture"])
        #expect(segments == [SpeechSegment("برای ", language: "prs"), SpeechSegment("titre de séjour", language: "fr"),
                             SpeechSegment(" به ", language: "prs"), SpeechSegment("préfecture", language: "fr"),
                             SpeechSegment(" بروید.", language: "prs")])
        #expect(SSML.document(segments, language: "prs")
                == "<speak xml:lang=\"fa\">برای <voice xml:lang=\"fr\">titre de séjour</voice> به <voice xml:lang=\"fr\">préfecture</voice> بروید. </speak>")
        // And it is heard: the term read with French sounds differs from the same Latin letters left bare.
        let speech = try #require(Self.speech)
        let switched = try speech.synthesize(segments, language: "prs").get().samples
        let bare = try speech.synthesize([SpeechSegment("برای titre de séjour به préfecture بروید.", language: "prs")], language: "prs").get().samples
        #expect(switched != bare)
    }

    /// Nothing written in a lesson becomes markup for the synthesiser.
    @Test func lessonTextIsEscaped() {
        #expect(SSML.document([SpeechSegment("1 < 2 & \"oui\" <voice name='x'>", language: "fr")], language: "fr")
                == "<speak xml:lang=\"fr\">1 &lt; 2 &amp; &quot;oui&quot; &lt;voice name=&apos;x&apos;&gt; </speak>")
        #expect(!SSML.escape("a\u{1B}[31mb").contains("\u{1B}"))
    }

    /// What `atelier speak` writes: a WAV file players accept (RIFF header, 16-bit mono, its length).
    @Test func aWAVFileHoldsTheSamples() {
        let data = WAV.data(samples: [0, 1000, -1000, 32767], sampleRate: 22_050)
        #expect(data.count == 44 + 8)
        #expect(String(decoding: data.prefix(4), as: UTF8.self) == "RIFF" && String(decoding: data[8..<12], as: UTF8.self) == "WAVE")
        #expect(data[22] == 1 && data[34] == 16)
    }
}
