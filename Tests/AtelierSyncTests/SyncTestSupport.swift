import AtelierContent
import AtelierEngine
import AtelierStore
import AtelierSync
import Foundation
import GRDB
import PostgresHarness

/// One throwaway PostgreSQL cluster for the whole test run (initdb takes seconds), stopped when the process
/// exits; each test gets a database of its own.
enum SharedPostgres {
    nonisolated(unsafe) private static var started: LocalPostgres?
    private static let lock = NSLock()

    static func server() throws -> LocalPostgres {
        lock.lock()
        defer { lock.unlock() }
        if let started { return started }
        let server = try LocalPostgres()
        try server.start()
        started = server
        atexit { SharedPostgres.shutdown() }
        return server
    }

    static func shutdown() {
        try? started?.stop()
        if let directory = started?.directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}

enum FixtureError: Error { case cannotCreate(String), badModule(String), timedOut }

func randomName(_ prefix: String) -> String { prefix + UUID().uuidString.prefix(8).lowercased() }

/// A database of its own on the shared server, migrated, with roles for kiosks and a coordinator.
struct ServerDatabase {
    let postgres: LocalPostgres
    let name: String

    init(migrate: Bool = true) async throws {
        postgres = try SharedPostgres.server()
        name = randomName("atelier_")
        try postgres.psql("CREATE DATABASE \(name)")
        if migrate {
            _ = try await ServerConnection.with(owner) { server throws(SyncError) in try await ServerMigrator.migrate(server) }
        }
    }

    var owner: PostgresAddress { get throws { try PostgresAddress(postgres.url(user: "postgres", database: name)) } }

    func address(_ role: String) throws -> PostgresAddress { try PostgresAddress(postgres.url(user: role, database: name)) }

    func role(_ group: String = "atelier_kiosk") throws -> String {
        let role = randomName("role_")
        try postgres.psql("CREATE ROLE \(role) LOGIN IN ROLE \(group)")
        return role
    }

    /// One value (or rows joined by newlines), read as the superuser.
    func scalar(_ sql: String) throws -> String { try postgres.psql(sql, database: name) }

    func count(_ table: String, _ condition: String = "true") throws -> Int {
        Int(try scalar("SELECT COUNT(*) FROM atelier.\(table) WHERE \(condition)")) ?? -1
    }

    /// Until a push has committed its first batch. It waits for that event; the bound only ends a test that
    /// would hang (20 s was not enough on a loaded 2-core machine with a build running beside the tests).
    func waitForFirstBatch() throws {
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            if (Int((try? scalar("SELECT COALESCE(MAX(synced_through), 0) FROM atelier.kiosk")) ?? "") ?? 0) > 0 { return }
            usleep(2_000)
        }
        throw FixtureError.timedOut
    }

    /// As a kiosk role would run it.
    func asRole(_ role: String, _ sql: String) throws -> String {
        try postgres.psql("SET ROLE \(role); \(sql)", database: name)
    }
}

/// A kiosk's data file with participants who walked a real module, in their language, and a group quiz.
struct KioskData {
    let directory: URL
    let store: ProgressStore
    var path: String { directory.appendingPathComponent("atelier.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(randomName("atelier-kiosk-"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ProgressStore(path: directory.appendingPathComponent("atelier.sqlite").path, pinHasher: .fastForTests)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// `names` in the kiosk's script; each answers every question of `module`, some right, some wrong.
    @discardableResult
    func walk(_ module: Module, names: [String], language: String, seed: Int, quiz: Bool = true) throws -> [Participant] {
        var participants: [Participant] = []
        for (index, name) in names.enumerated() {
            guard case .success(let participant) = try store.createParticipant(pseudonym: name, pin: index % 2 == 0 ? "2468" : nil,
                                                                                 language: language, at: time(index)) else {
                throw FixtureError.cannotCreate(name)
            }
            participants.append(participant)
            let questions = module.questions
            for (number, step) in questions.enumerated() {
                let right = (index + number + seed) % 3 != 0
                let last = number == questions.count - 1
                let attempt = Attempt(moduleID: module.id, moduleVersion: module.version, stepID: step.id, stepKind: step.content.kind,
                                      response: right ? "right" : "wrong-\((index + seed) % 2)", correct: right, credit: right ? 1 : 0,
                                      attempt: 1, hintUsed: false, milliseconds: 1200, language: language, review: false,
                                      at: time(index * 100 + number))
                let progress = SavedProgress(moduleID: module.id, moduleVersion: module.version, currentStep: last ? nil : step.id,
                                             history: [], records: [:], reviewQueue: right ? [] : [step.id],
                                             completed: last && index % 2 == 0, seed: 9, startedAt: time(index * 100),
                                             completedAt: last && index % 2 == 0 ? time(index * 100 + number) : nil)
                try store.record(attempt, progress: progress, participant: participant.id)
            }
        }
        if quiz {
            let session = randomName("quiz-")
            let steps = module.questions.prefix(3).map(\.id)
            try store.startQuiz(id: session, module: module.id, scoring: "accuracy", questions: steps, at: time(5000))
            var records: [QuizAnswerRecord] = []
            for (number, step) in steps.enumerated() {
                for player in 0..<3 {
                    let right = (player + number + seed) % 2 == 0
                    records.append(QuizAnswerRecord(
                        questionIndex: number, stepID: step,
                        answer: QuizAnswer(player: "p\(player)", choice: right ? "right" : "quiz-wrong", correct: right, points: right ? 1 : 0,
                                           milliseconds: 2000, language: player == 0 ? language : "fr"),
                        participant: player == 0 ? participants.first?.id : nil, at: time(5000 + number)))
                }
            }
            try store.recordQuizAnswers(session: session, module: module.id, records)
            // One facilitator in three skips the second question: its answers stay, counted for nobody.
            if seed % 3 == 1 { try store.recordQuizSkip(session: session, questionIndex: 1, at: time(5050)) }
            try store.endQuiz(id: session, at: time(5100))
        }
        return participants
    }

    func time(_ seconds: Int) -> Instant { Instant(milliseconds: 1_764_000_000_000 + Int64(seconds) * 1000) }

    /// Rows of a local table, read straight from the file.
    func count(_ table: String, _ condition: String = "1") throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? -1 }
    }

    func strings(_ sql: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try String.fetchAll(db, sql: sql) }
    }
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func lessonModule(_ id: String = "cae-status") throws -> Module {
    let loaded = ModuleLoader.load(path: packageRoot.appendingPathComponent("Lessons/\(id)/module.yaml").path)
    guard let module = loaded.module else { throw FixtureError.badModule(id) }
    return module
}

/// The atelier binary built beside the tests.
var atelierBinary: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atelier").path
    return FileManager.default.isExecutableFile(atPath: beside) ? beside : packageRoot.appendingPathComponent(".build/debug/atelier").path
}

/// Runs `atelier` and returns its exit status, standard output and standard error.
@discardableResult
func runAtelier(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: atelierBinary)
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Standard error drains on another thread, so that neither pipe can fill up and block the child.
    nonisolated(unsafe) var err = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { err = error.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let out = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

extension ProgressReport {
    /// Reports of several kiosks added up (what the server must give over all sites), leaving out the most
    /// missed choices, which do not add up.
    static func sum(_ reports: [ProgressReport]) -> ProgressReport {
        var total = reports[0]
        total.clearMissedChoices()
        for report in reports.dropFirst() {
            total.started += report.started
            total.completed += report.completed
            for (index, question) in report.questions.enumerated() {
                total.questions[index].answered += question.answered
                total.questions[index].right += question.right
                for (language, tally) in question.byLanguage {
                    total.questions[index].byLanguage[language, default: .init()].answered += tally.answered
                    total.questions[index].byLanguage[language, default: .init()].right += tally.right
                }
            }
        }
        return total
    }

    mutating func clearMissedChoices() {
        for index in questions.indices { questions[index].missedChoices = [] }
    }

    var withoutMissedChoices: ProgressReport {
        var copy = self
        copy.clearMissedChoices()
        return copy
    }
}
