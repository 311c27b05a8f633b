import AtelierEngine
import Foundation
import GRDB
import Testing
@testable import AtelierStore

/// The read-aloud setting kept with a profile (issue #19, migration v4): it round-trips, stays on the kiosk (no
/// change to push, no column sent), and a data file of the schema before it upgrades with nothing lost.
@Suite("Read-aloud setting in the store")
struct ReadAloudStoreTests {
    @Test(arguments: [(true, ReadingSpeed?.some(.slow)), (false, .fast), (true, nil), (false, nil)])
    func theSettingRoundTrips(automatic: Bool, speed: ReadingSpeed?) throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let created = try #require(try store.createParticipant(pseudonym: "Amina", pin: nil, language: "ar", at: at(0)).value)
        #expect(!created.readsAloud && created.speed == nil, "off, and the kiosk's speed, until the participant chooses")
        try store.setReadAloud(automatic: automatic, speed: speed, participant: created.id)
        let signedIn = try #require(try store.signInProfile(pseudonym: "amina", pin: nil, at: at(1)).value)
        #expect(signedIn.readsAloud == automatic && signedIn.speed == speed)
        #expect(try store.profiles().first?.readsAloud == automatic && store.profiles().first?.speed == speed)
        // Opened again, as the next day's kiosk would.
        let again = try file.open()
        #expect(try again.signInProfile(pseudonym: "Amina", pin: nil, at: at(2)).value?.speed == speed)
    }

    /// A speed this version does not know (written by a newer one) is the kiosk's, not a failure.
    @Test func anUnknownSpeedIsTheKiosks() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let created = try #require(try store.createParticipant(pseudonym: "Dawit", pin: nil, language: "ti", at: at(0)).value)
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(sql: "UPDATE participant SET readAloud = 1, speechRate = 'very-slow' WHERE id = ?", arguments: [created.id])
        }
        let profile = try #require(try store.signInProfile(pseudonym: "Dawit", pin: nil, at: at(1)).value)
        #expect(profile.readsAloud && profile.speed == nil)
    }

    /// The setting stays on the kiosk: changing it makes no change to push, and what is pushed of a participant
    /// has no column of it (the server's schema is frozen).
    @Test func theSettingIsNeverPushed() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let created = try #require(try store.createParticipant(pseudonym: "Zahra", pin: nil, language: "prs", at: at(0)).value)
        let before = try store.latestChange()
        try store.setReadAloud(automatic: true, speed: .fast, participant: created.id)
        #expect(try store.latestChange() == before)
        let pushed = try #require(SyncSchema.tables.first { $0.local == "participant" }).columns.map(\.local)
        #expect(!pushed.contains("readAloud") && !pushed.contains("speechRate"))
        let batch = try store.changes(after: 0, limit: 100)
        let row = try #require(batch.tables.first { $0.table.local == "participant" }?.rows.first)
        #expect(row.count == pushed.count)
    }

    /// A data file of schema v3 (the last before the setting), with a participant who answered and left a module
    /// half done, upgrades: the profile, the PIN, the progress and the answers are all there, their change numbers
    /// are the same (nothing to push again), the setting is off, and the schema is that of a new file.
    @Test func aVersionThreeFileUpgradesAndKeepsItsData() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let queue = try DatabaseQueue(path: file.path)
        // The shipped migrations are frozen literal SQL: running them up to v3 makes the file v3 made.
        try Schema.migrator.migrate(queue, upTo: "v3-sync")
        let salt = Data(repeating: 7, count: 16)
        let hash = try PINHasher.fastForTests.hash("2580", salt: salt)
        let state = try ProgressStore.encoder.encode(progress(current: "who"))
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO participant (id, pseudonym, pseudonymKey, pinHash, pinSalt, language, createdAt, lastSeenAt)
                VALUES ('p-1', 'Yohannes', ?, ?, ?, 'ti', 1, 2);
                INSERT INTO moduleProgress (participantID, moduleID, moduleVersion, status, currentStep, state, updatedAt)
                VALUES ('p-1', 'test', 1, 'inProgress', 'who', ?, 2);
                INSERT INTO attempt (participantID, moduleID, moduleVersion, stepID, stepKind, response, correct, credit,
                                     attemptNumber, hintUsed, milliseconds, language, review, at)
                VALUES ('p-1', 'test', 1, 'intro', 'choice', 'caf', 1, 1, 1, 0, 1500, 'ti', 0, 2);
                """, arguments: [ProgressStore.pseudonymKey("Yohannes"), hash, salt, state])
        }
        let numbers = "SELECT changeSeq FROM participant UNION ALL SELECT changeSeq FROM moduleProgress UNION ALL SELECT changeSeq FROM attempt"
        let before = try queue.read { db in try Int64.fetchAll(db, sql: numbers) }
        try queue.close()
        #expect(try !SchemaTests.dump(file.path).contains("v4-read-aloud"))

        let store = try ProgressStore(path: file.path, pinHasher: .fastForTests)
        #expect(try SchemaTests.dump(file.path).contains("-- v4-read-aloud"))
        let after = try DatabaseQueue(path: file.path).read { db in try Int64.fetchAll(db, sql: numbers) }
        // v4 makes no change to push; v6 (roaming, issue #23) pushes each profile once more, now with its key and
        // PIN hash, and nothing else.
        #expect(Array(after.dropFirst()) == Array(before.dropFirst()), "the migrations made no change to push but the profile")
        #expect(after[0] > (before.max() ?? 0))
        #expect(try store.latestChange() == after[0])
        #expect(try store.signIn(pseudonym: "yohannes", pin: "0000", at: at(3)) == .failure(.wrongPIN(attemptsLeft: 3)))
        let profile = try #require(try store.signIn(pseudonym: "Yohannes", pin: "2580", at: at(4)).value)
        #expect(profile.id == "p-1" && profile.language == "ti" && !profile.readsAloud && profile.speed == nil)
        #expect(try store.progress(participant: "p-1", module: "test")?.currentStep == "who")
        #expect(try store.attemptCount(participant: "p-1") == 1)
        let fresh = TemporaryStore()
        defer { fresh.remove() }
        _ = try fresh.open()
        #expect(SchemaTests.normalized(try SchemaTests.dump(file.path)) == SchemaTests.normalized(try SchemaTests.dump(fresh.path)))
    }
}
