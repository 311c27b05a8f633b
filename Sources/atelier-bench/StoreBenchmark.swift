import AtelierEngine
import AtelierStore
import CSQLiteFloor
import Foundation

/// The store: answers recorded one durable transaction each (p50, p99), against plain SQLite doing the same
/// three statements on the same schema at the same durability (like for like: the old floor did one insert where
/// the store does three writes); and the export of 100,000 attempts.
enum StoreBenchmark {
    static func run(answers: Int, exported: Int, scratch: String, rounds: Int = 10) throws -> [Figure] {
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench store)"
        let now = Instant(milliseconds: 1_764_000_000_000)
        // Ours: ProgressStore.record, as the kiosk calls it (the attempt and the progress, one transaction).
        let store = try ProgressStore(path: scratch + "/store.sqlite")
        guard case .success(let participant) = try store.createParticipant(pseudonym: "Bench", pin: nil, language: "ar", at: now) else {
            throw Stopwatch.SpawnError(description: "cannot create the benchmark participant")
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
        // Rounds taken in turn, the store then the floor: on a shared machine a busy minute lands on both, and
        // the ratio is taken per round (median of the rounds), not between two halves of the run.
        let perRound = max(1, answers / rounds)
        var ours: [Double] = []
        var floorMs: [Double] = []
        var ratios: [Double] = []
        var cpuRatios: [Double] = []
        var oursCPU: [Double] = []
        var floorCPU: [Double] = []
        ours.reserveCapacity(perRound * rounds)
        for round in 0..<rounds {
            var mine: [Double] = []
            mine.reserveCapacity(perRound)
            let myCPU = try Stopwatch.seconds {
                for offset in 0..<perRound {
                    let index = round * perRound + offset
                    let attempt = Attempt(moduleID: "bench", moduleVersion: 1, stepID: "q\(index % 50)", stepKind: "choice",
                                          response: "answer-\(index)", correct: true, credit: 1, attempt: 1, hintUsed: false,
                                          milliseconds: 1200, language: "ar", review: false, at: now.adding(milliseconds: Int64(index)))
                    let progress = SavedProgress(moduleID: "bench", moduleVersion: 1, currentStep: "q\((index + 1) % 50)", history: [],
                                                 records: [:], reviewQueue: [], completed: false, seed: 1, startedAt: now, completedAt: nil)
                    let start = DispatchTime.now().uptimeNanoseconds
                    try store.record(attempt, progress: progress, participant: participant.id)
                    mine.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
            }
            var theirs = [Double](repeating: 0, count: perRound)
            var status: Int32 = 0
            let theirCPU = Stopwatch.seconds {
                status = state.withUnsafeBytes { bytes in
                    atelier_sqlite_floor(floorPath, Int32(perRound), floorParticipant, bytes.baseAddress, Int32(bytes.count), &theirs,
                                         Int32(theirs.count))
                }
            }
            guard status == 0 else { throw Stopwatch.SpawnError(description: "plain SQLite floor failed: \(status)") }
            theirs = theirs.map { $0 * 1000 }
            ours += mine
            floorMs += theirs
            ratios.append(percentile(mine, 0.5) / max(percentile(theirs, 0.5), 1e-6))
            oursCPU.append(myCPU * 1e6 / Double(perRound))
            floorCPU.append(theirCPU * 1e6 / Double(perRound))
            cpuRatios.append(myCPU / max(theirCPU, 1e-9))
        }

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
            Figure(name: "store: answer recorded, durable (p50, \(perRound * rounds) answers)", unit: "ms", samples: [percentile(ours, 0.5)],
                   goal: nil, reproduce: command),
            Figure(name: "store: answer recorded, durable (p99)", unit: "ms", samples: [percentile(ours, 0.99)], goal: nil,
                   reproduce: command),
            Figure(name: "plain SQLite, the same 3 statements and durability (p50)", unit: "ms", samples: [percentile(floorMs, 0.5)],
                   goal: nil, reproduce: command),
            Figure(name: "store / plain SQLite (p50 ratio per round, \(rounds) rounds)", unit: "x", samples: ratios, goal: .atMost(1.2),
                   reproduce: command),
            Figure(name: "store: CPU per answer (this thread)", unit: "µs", samples: oursCPU, goal: nil, reproduce: command),
            Figure(name: "plain SQLite: CPU per answer", unit: "µs", samples: floorCPU, goal: nil, reproduce: command),
            Figure(name: "store / plain SQLite (CPU per answer, ratio per round)", unit: "x", samples: cpuRatios, goal: nil,
                   reproduce: command),
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
