import AtelierEngine
import AtelierStore
import CSQLiteFloor
import Foundation

/// The store: answers recorded one durable transaction each (p50, p99), against plain SQLite doing the same
/// three statements on the same schema at the same durability (like for like: the old floor did one insert where
/// the store does three writes); and the export of 100,000 attempts.
enum StoreBenchmark {
    static func run(answers: Int, exported: Int, scratch: String) throws -> [Figure] {
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench full)"
        // Ours: ProgressStore.record, as the kiosk calls it (the attempt and the progress, one transaction).
        let store = try ProgressStore(path: scratch + "/store.sqlite")
        let now = Instant(milliseconds: 1_764_000_000_000)
        guard case .success(let participant) = try store.createParticipant(pseudonym: "Bench", pin: nil, language: "ar", at: now) else {
            throw Stopwatch.SpawnError(description: "cannot create the benchmark participant")
        }
        var ours: [Double] = []
        ours.reserveCapacity(answers)
        for index in 0..<answers {
            let attempt = Attempt(moduleID: "bench", moduleVersion: 1, stepID: "q\(index % 50)", stepKind: "choice",
                                  response: "answer-\(index)", correct: true, credit: 1, attempt: 1, hintUsed: false,
                                  milliseconds: 1200, language: "ar", review: false, at: now.adding(milliseconds: Int64(index)))
            let progress = SavedProgress(moduleID: "bench", moduleVersion: 1, currentStep: "q\((index + 1) % 50)", history: [],
                                         records: [:], reviewQueue: [], completed: false, seed: 1, startedAt: now, completedAt: nil)
            let start = DispatchTime.now().uptimeNanoseconds
            try store.record(attempt, progress: progress, participant: participant.id)
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        // The floor's file is made by the store too (its schema, its sync triggers), then written by plain C.
        let floorPath = scratch + "/floor.sqlite"
        let floorParticipant: String = try {
            let made = try ProgressStore(path: floorPath)  // closed when it goes out of scope, before C opens the file
            guard case .success(let someone) = try made.createParticipant(pseudonym: "Floor", pin: nil, language: "ar", at: now) else {
                throw Stopwatch.SpawnError(description: "cannot create the floor's participant")
            }
            return someone.id
        }()
        let state = try JSONEncoder().encode(SavedProgress(moduleID: "bench", moduleVersion: 1, currentStep: "q1", history: [],
                                                           records: [:], reviewQueue: [], completed: false, seed: 1,
                                                           startedAt: now, completedAt: nil))
        var floor = [Double](repeating: 0, count: answers)
        let status = state.withUnsafeBytes { bytes in
            atelier_sqlite_floor(floorPath, Int32(answers), floorParticipant, bytes.baseAddress, Int32(bytes.count), &floor,
                                 Int32(floor.count))
        }
        guard status == 0 else { throw Stopwatch.SpawnError(description: "plain SQLite floor failed: \(status)") }
        let floorMs = floor.map { $0 * 1000 }

        // Export: 100,000 attempts written in one go, then exported to CSV.
        let big = try ProgressStore(path: scratch + "/export.sqlite")
        guard case .success(let someone) = try big.createParticipant(pseudonym: "Export ዳዊት", pin: nil, language: "ti", at: now) else {
            throw Stopwatch.SpawnError(description: "cannot create the export participant")
        }
        try big.bulkInsertForBenchmark(participant: someone.id, count: exported, at: now)
        var exports: [Double] = []
        for _ in 0..<3 {
            exports.append(try Stopwatch.seconds { _ = CSVWriter.write(try big.exportRows()) })
        }
        return [
            Figure(name: "store: answer recorded, durable (p50, \(answers) answers)", unit: "ms", samples: [percentile(ours, 0.5)],
                   goal: nil, reproduce: command),
            Figure(name: "store: answer recorded, durable (p99)", unit: "ms", samples: [percentile(ours, 0.99)], goal: nil,
                   reproduce: command),
            Figure(name: "plain SQLite, the same 3 statements and durability (p50)", unit: "ms", samples: [percentile(floorMs, 0.5)],
                   goal: nil, reproduce: command),
            Figure(name: "store / plain SQLite (p50 ratio, our overhead)", unit: "x",
                   samples: [percentile(ours, 0.5) / max(percentile(floorMs, 0.5), 1e-6)], goal: .atMost(1.2), reproduce: command),
            Figure(name: "export of \(exported / 1000)k attempts to CSV", unit: "s", samples: exports,
                   goal: .atMost(1), reproduce: command),
        ]
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}
