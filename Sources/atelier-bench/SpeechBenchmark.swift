import AtelierSpeech
import Foundation

/// Read-aloud (issue #19): from the listen key to the first samples handed on, for a 60-word Arabic screen
/// with French terms (about 25 s of speech at the kiosk's rate), and the whole screen's synthesis against its own duration.
enum SpeechBenchmark {
    static let screen = (1...3).map { _ in
        "تطلب تجديد <fr> في préfecture قبل نهاية صلاحية البطاقة، وتحتفظ بالإيصال الذي يثبت أنك قدمت الطلب في الوقت المحدد."
    }.joined(separator: " ").replacingOccurrences(of: "<fr>", with: "{fr:titre de séjour}")

    static func run(runs: Int) throws -> [Figure] {
        guard let speech = ESpeakSpeech(mode: .memory) else { throw CocoaError(.featureUnsupported) }
        let segments = SpeechScript.segments(screen, language: "ar", frenchTerms: ["préfecture"])
        var first: [Double] = [], whole: [Double] = [], spoken: [Double] = []
        for _ in 0..<(runs + 1) {
            let started = ContinuousClock.now
            let synthesis = try speech.synthesize(segments, language: "ar").get()
            let elapsed = ContinuousClock.now - started
            first.append(Double(synthesis.firstSamplesAfter.components.attoseconds) / 1e15 + Double(synthesis.firstSamplesAfter.components.seconds) * 1000)
            whole.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            spoken.append(synthesis.seconds)
        }
        // The first run loads the voice data: it is the kiosk's start, not a key press.
        first.removeFirst(); whole.removeFirst(); spoken.removeFirst()
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench full)"
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        return [
            Figure(name: "read-aloud: key to first samples, 60-word Arabic screen (\(String(format: "%.0f", median(spoken))) s of speech)",
                   unit: "ms", samples: first, goal: .atMost(100), reproduce: command),
            Figure(name: "read-aloud: whole screen synthesised", unit: "ms", samples: whole, goal: nil, reproduce: command),
            Figure(name: "read-aloud: speech per second of synthesis (faster than real time)", unit: "x",
                   samples: zip(spoken, whole).map { $0 * 1000 / $1 }, goal: .atLeast(10), reproduce: command),
        ]
    }
}
