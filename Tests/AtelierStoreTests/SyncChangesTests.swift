import AtelierEngine
import Foundation
import GRDB
import Testing
@testable import AtelierStore

/// The kiosk's half of a sync, on a real data file: the change sequence, the batches, the tombstones.
struct SyncChangesTests {
    func walk(_ store: ProgressStore, _ names: [String]) throws -> [Participant] {
        try names.enumerated().map { index, name in
            let participant = try #require(try store.createParticipant(pseudonym: name, pin: "1357", language: "ar",
                                                                       at: at(Int64(index))).value)
            for step in ["a", "b", "c"] {
                try store.record(attempt(step, correct: step != "b", response: "r", language: "ar", time: Int64(index)),
                                 progress: progress(current: step), participant: participant.id)
            }
            return participant
        }
    }

    func allChanges(_ store: ProgressStore, limit: Int) throws -> [SyncBatch] {
        var batches: [SyncBatch] = []
        var after: Int64 = 0
        while true {
            let batch = try store.changes(after: after, limit: limit)
            if batch.isEmpty { return batches }
            #expect(batch.after == after && batch.through > after)
            batches.append(batch)
            after = batch.through
        }
    }

    @Test(arguments: [1, 2, 5, 1000])
    func batchesCoverEveryChangeOnceInOrder(limit: Int) throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        _ = try walk(store, ["أمينة", "ሰላም", "小明"])
        let batches = try allChanges(store, limit: limit)
        // 3 participants, 9 attempts, 3 progress rows, each once in its latest version.
        func rows(_ table: String) -> [[SyncValue]] { batches.flatMap { $0.tables.first { $0.table.local == table }?.rows ?? [] } }
        #expect(rows("participant").count == 3)
        #expect(rows("attempt").count == 9)
        #expect(rows("moduleProgress").count == 3)
        #expect(batches.allSatisfy { $0.rowCount <= limit })
        #expect(batches.last?.through == (try store.latestChange()))
        let uids = rows("attempt").map { $0[0] }
        #expect(Set(uids).count == 9)
        #expect(uids.allSatisfy { if case .text(let uid) = $0 { uid.count == 32 } else { false } })
        #expect(try store.kioskID().count == 32)
    }

    @Test func updatesTakeANewChangeNumberButPINCountersDoNot() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let participant = try walk(store, ["Yonas"])[0]
        let before = try store.latestChange()
        _ = try store.signIn(pseudonym: "Yonas", pin: "0000", at: at(50))  // a wrong PIN: local only
        #expect(try store.latestChange() == before)
        try store.setLanguage("ti", participant: participant.id)
        #expect(try store.latestChange() == before + 1)
        let batch = try store.changes(after: before, limit: 100)
        #expect(batch.rowCount == 1)
        #expect(batch.tables.first { $0.table.local == "participant" }?.rows.first?[2] == .text("ti"))
    }

    @Test func anErasureLeavesATombstoneUntilTheServerHasIt() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let people = try walk(store, ["Farid", "Zahra"])
        let before = try store.latestChange()
        #expect(try store.erase(pseudonym: "farid"))
        let batch = try store.changes(after: before, limit: 100)
        #expect(batch.erasures == [people[0].id])
        #expect(batch.tables.allSatisfy { $0.rows.isEmpty })
        #expect(try store.syncStatus().pending > 0)
        try store.acknowledgeSync(through: batch.through, at: at(99))
        #expect(try store.changes(after: 0, limit: 100).erasures.isEmpty)
        let status = try store.syncStatus()
        #expect(status.syncedThrough == batch.through && status.lastSuccessAt == at(99).milliseconds)
        // The erased participant's id is nowhere in the file any more.
        #expect(!file.rawBytes().containsSubsequence(Array(people[0].id.utf8)))
    }

    @Test func aFailureIsKeptForStatusAndClearedByASuccess() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        try store.noteSyncFailure("postgres://k@h/db: cannot reach the server")
        #expect(try store.syncStatus().lastFailure == "postgres://k@h/db: cannot reach the server")
        try store.acknowledgeSync(through: 0, at: at(1))
        #expect(try store.syncStatus().lastFailure == nil)
    }

    @Test func aVersionOneFileGetsIdsAndChangeNumbersForItsRows() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/v1.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: file.path))
        let store = try file.open()
        let batch = try store.changes(after: 0, limit: 1000)
        #expect(batch.tables.first { $0.table.local == "attempt" }?.rows.count == 1)
        #expect(batch.tables.first { $0.table.local == "participant" }?.rows.count == 1)
        let numbers = try DatabaseQueue(path: file.path).read { db in
            try Int64.fetchAll(db, sql: "SELECT changeSeq FROM participant UNION ALL SELECT changeSeq FROM attempt UNION ALL SELECT changeSeq FROM moduleProgress")
        }
        #expect(Set(numbers).count == numbers.count && !numbers.contains(0))
        // New rows continue the sequence.
        try store.setLanguage("fr", participant: "p-1")
        #expect(try store.latestChange() > numbers.max()!)
    }
}
