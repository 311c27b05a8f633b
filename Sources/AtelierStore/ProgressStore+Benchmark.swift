import AtelierEngine
import GRDB

extension ProgressStore {
    /// Fills the attempts log in one transaction: only for benchmarks of reading (the export).
    public func bulkInsertForBenchmark(participant: String, count: Int, at now: Instant) throws(StoreError) {
        try write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO attempt (participantID, moduleID, moduleVersion, stepID, stepKind, response, correct, credit,
                                     attemptNumber, hintUsed, milliseconds, language, review, at)
                VALUES (?, 'bench', 1, ?, 'choice', ?, ?, 1, 1, 0, 1200, 'ti', 0, ?)
                """)
            for index in 0..<count {
                try statement.execute(arguments: [participant, "q\(index % 50)", "ሰላም \(index), \"ok\"", index % 3 != 0,
                                                  now.milliseconds + Int64(index)])
            }
        }
    }
}
