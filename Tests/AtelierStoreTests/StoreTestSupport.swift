import AtelierEngine
import Foundation
@testable import AtelierStore

/// A fresh data file in a temporary folder, opened through the same initialiser as the kiosk.
struct TemporaryStore {
    let directory: URL
    var path: String { directory.appendingPathComponent("atelier.sqlite").path }

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func open() throws -> ProgressStore { try ProgressStore(path: path) }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Every byte of the data file and of its journal files.
    func rawBytes() -> [UInt8] {
        ["", "-wal", "-shm", "-journal"].flatMap { suffix in
            (FileManager.default.contents(atPath: path + suffix)).map { [UInt8]($0) } ?? []
        }
    }
}

func at(_ seconds: Int64) -> Instant { Instant(milliseconds: 1_764_000_000_000 + seconds * 1000) }

func attempt(_ step: String, correct: Bool?, response: String?, language: String = "fr", number: Int = 1,
             review: Bool = false, module: String = "test", time: Int64 = 0) -> Attempt {
    Attempt(moduleID: module, moduleVersion: 1, stepID: step, stepKind: "choice", response: response, correct: correct,
            credit: correct.map { $0 ? 1 : 0 }, attempt: number, hintUsed: false, milliseconds: 1500, language: language,
            review: review, at: at(time))
}

func progress(_ module: String = "test", current: String?, completed: Bool = false, queue: [String] = []) -> SavedProgress {
    SavedProgress(moduleID: module, moduleVersion: 1, currentStep: current, history: [], records: [:], reviewQueue: queue,
                  completed: completed, seed: 5, startedAt: at(0), completedAt: completed ? at(100) : nil)
}

/// The atelier-stress helper, built beside the tests.
var stressBinary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atelier-stress").path
}

extension Result {
    var value: Success? { try? get() }
}
