import AtelierEngine
import Foundation
import Testing
@testable import AtelierStore

/// The hand-written encoder of the saved progress writes the very bytes JSONEncoder (sorted keys) writes, and the
/// store still reads them back (issue #24).
@Suite("Progress JSON")
struct ProgressJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// SplitMix64: the same cases at every run, so that a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Strings with what JSON escapes (quotes, backslash, slash, every control character) and what it does not
    /// (accents, Arabic, Tigrinya, emoji, U+2028, DEL).
    static func string(_ random: inout Seeded) -> String {
        let pieces = ["q", "step-1", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "é",
                      "سلام", "ሰላም", "😀", "\u{2028}", " ", "10", "2", "Z", "_"]
        return (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func progress(_ random: inout Seeded) -> SavedProgress {
        func instant() -> Instant? { Bool.random(using: &random) ? Instant(milliseconds: Int64.random(in: 0...1 << 45, using: &random)) : nil }
        var records: [String: StepRecord] = [:]
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            var record = StepRecord()
            record.attempts = Int.random(in: 0...9, using: &random)
            record.hintUsed = Bool.random(using: &random)
            record.correct = [nil, true, false].randomElement(using: &random)!
            record.credit = [0, 1, 0.5, 1.0 / 3, 2.0 / 3, 0.25, 1e-7, 1e21, -0.0, Double.random(in: 0...1, using: &random)]
                .randomElement(using: &random)!
            record.chosen = Bool.random(using: &random) ? string(&random) : nil
            record.finished = Bool.random(using: &random)
            records[string(&random)] = record
        }
        var progress = SavedProgress(moduleID: string(&random), moduleVersion: Int.random(in: -3...1000, using: &random),
                                     currentStep: Bool.random(using: &random) ? string(&random) : nil,
                                     history: (0..<Int.random(in: 0...5, using: &random)).map { _ in string(&random) },
                                     records: records, reviewQueue: (0..<Int.random(in: 0...3, using: &random)).map { _ in string(&random) },
                                     completed: Bool.random(using: &random), seed: random.next(), startedAt: instant(), completedAt: instant())
        progress.spentMilliseconds = Bool.random(using: &random) ? Int64.random(in: 0...1 << 40, using: &random) : nil
        progress.reviewing = [nil, true, false].randomElement(using: &random)!
        return progress
    }

    @Test func writesTheBytesJSONEncoderWritesForGeneratedProgress() throws {
        var random = Seeded(state: 24)
        for _ in 0..<2000 {
            let progress = Self.progress(&random)
            let ours = try #require(ProgressJSON.encode(progress))
            let theirs = try Self.encoder.encode(progress)
            #expect(ours == theirs, "\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))")
            #expect(try JSONDecoder().decode(SavedProgress.self, from: ours) == progress)
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func leavesANumberJSONCannotWriteToJSONEncoder(credit: Double) {
        var record = StepRecord()
        record.credit = credit
        let progress = SavedProgress(moduleID: "m", moduleVersion: 1, currentStep: nil, history: [], records: ["a": record],
                                     reviewQueue: [], completed: false, seed: 1, startedAt: nil, completedAt: nil)
        #expect(ProgressJSON.encode(progress) == nil)
    }

    @Test func theStoreReadsBackWhatRecordWrote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("progress-json-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ProgressStore(path: folder + "/data.sqlite", pinHasher: .fastForTests)
        let now = Instant(milliseconds: 1_764_000_000_000)
        guard case .success(let someone) = try store.createParticipant(pseudonym: "Amina", pin: nil, language: "ar", at: now) else {
            Issue.record("no participant")
            return
        }
        var random = Seeded(state: 7)
        for index in 0..<20 {
            var progress = Self.progress(&random)
            progress.moduleID = "module"
            let attempt = Attempt(moduleID: "module", moduleVersion: 1, stepID: "q\(index)", stepKind: "choice", response: "a",
                                  correct: true, credit: 1, attempt: 1, hintUsed: false, milliseconds: 900, language: "ar",
                                  review: false, at: now.adding(milliseconds: Int64(index)))
            try store.record(attempt, progress: progress, participant: someone.id)
            #expect(try store.progress(participant: someone.id, module: "module") == progress)
        }
        #expect(try store.attemptCount(participant: someone.id) == 20)
    }
}
