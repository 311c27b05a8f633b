import AtelierEngine
import GRDB
import Foundation
import Testing
@testable import AtelierStore

/// What a kiosk lives through: killed mid-answer, two terminals on one file, old files, damaged files.
@Suite("Store durability", .serialized)
struct DurabilityTests {
    /// Starts atelier-stress; returns it and a reader of its acknowledgements.
    static func stress(_ path: String, participant: String, count: Int, start: Int = 0) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: stressBinary)
        process.arguments = ["record", "--data", path, "--participant", participant, "--count", String(count), "--start", String(start)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    static func acknowledged(_ text: String) -> [Int] {
        text.split(separator: "\n").compactMap { $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil }
    }

    @Test func everyAcknowledgedAnswerSurvivesASIGKILL() throws {
        var generator = SystemRandomNumberGenerator()
        var acknowledgedTotal = 0
        for round in 0..<5 {
            let file = TemporaryStore()
            defer { file.remove() }
            let (process, output) = try Self.stress(file.path, participant: "Amina", count: 100_000)
            // Wait for its first acknowledgement (an event, not a delay: under ThreadSanitizer or a loaded machine
            // starting takes longer than any fixed wait), let it write for a random while, then kill it.
            var early = Data()
            while !early.contains(Data("ack ".utf8)) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }  // it ended: the expectations below say how
                early.append(chunk)
            }
            usleep(UInt32.random(in: 10_000...400_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let rest = output.fileHandleForReading.readDataToEndOfFile()
            let acked = Self.acknowledged(String(decoding: early + rest, as: UTF8.self))
            #expect(process.terminationReason == .uncaughtSignal, "round \(round)")
            let store = try file.open()
            #expect(try store.isIntact())
            let responses = try store.exportRows().compactMap(\.response)
            let stored = Set(responses.compactMap { Int($0.dropFirst("answer-".count)) })
            #expect(acked.allSatisfy(stored.contains), "round \(round): \(acked.count) acknowledged, \(stored.count) stored")
            // At most the answer in flight was committed without its acknowledgement being read.
            #expect(stored.count <= acked.count + 1)
            acknowledgedTotal += acked.count
        }
        print("SIGKILL durability: 5 kills, \(acknowledgedTotal) acknowledged answers, all found; integrity_check ok")
        #expect(acknowledgedTotal > 0)
    }

    @Test func twoProcessesWritingAtOnceNeverSeeALockedDatabase() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        _ = try file.open()
        let (a, outA) = try Self.stress(file.path, participant: "Dawit", count: 150)
        let (b, outB) = try Self.stress(file.path, participant: "Li", count: 150, start: 1000)
        let ackA = Self.acknowledged(String(decoding: outA.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        let ackB = Self.acknowledged(String(decoding: outB.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        #expect(ackA.count == 150 && ackB.count == 150)
        let store = try file.open()
        #expect(try store.attemptCount() == 300)
        #expect(try store.isIntact())
    }

    @Test func aVersionOneFileIsMigratedWithItsData() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/v1.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: file.path))
        let store = try file.open()
        let saved = try #require(try store.progress(participant: "p-1", module: "test"))
        #expect(saved.currentStep == "who")
        #expect(saved.history == ["intro"])
        #expect(try store.attemptCount(participant: "p-1") == 1)
        // The quiz tables of version 2 are there and usable.
        try store.startQuiz(id: "q1", module: "test", scoring: "accuracy", questions: ["who"], at: at(10))
        #expect(try store.isIntact())
    }

    @Test func aFileFromANewerVersionIsRefused() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        _ = try file.open()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [file.path, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')"]
        try process.run()
        process.waitUntilExit()
        #expect(throws: StoreError.newerVersion(path: file.path)) { try file.open() }
    }

    @Test func aDamagedFileIsReportedNotOverwritten() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: URL(fileURLWithPath: file.path))
        #expect(throws: StoreError.corrupt(path: file.path)) { try file.open() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == garbage)
    }

    @Test func aMissingFolderIsCreated() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let nested = file.directory.appendingPathComponent("a/b/atelier.sqlite").path
        _ = try ProgressStore(path: nested)
        #expect(FileManager.default.fileExists(atPath: nested))
    }
}

@Suite("Store settings")
struct StoreSettingsTests {
    @Test func everyConnectionIsDurable() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let (journal, synchronous, secure, busy) = try store.writer.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA secure_delete"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(secure == 1)
        #expect(busy == 10_000)
    }
}
