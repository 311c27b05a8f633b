import AtelierContent
import AtelierEngine
import AtelierLog
import AtelierStore
import AtelierSync
import Foundation
import PostgresHarness
import Testing

/// Against a real PostgreSQL server (Debian's binaries, a throwaway cluster on 127.0.0.1), which some tests
/// stop and start again: the suite runs its tests one at a time.
@Suite(.serialized)
struct SyncTests {
    static let clock: @Sendable () -> Instant = { Instant(milliseconds: 1_764_100_000_000) }

    /// Why the server refused a push, or nil when it took it.
    static func refusal(_ store: ProgressStore, _ address: PostgresAddress) async -> SyncError? {
        do {
            _ = try await KioskSync.push(store, to: address, site: "refused", clock: clock)
            return nil
        } catch {
            return error
        }
    }

    @Test func threeKiosksSyncedAtOnceAddUpOnTheServer() async throws {
        let database = try await ServerDatabase()
        let module = try lessonModule()
        let kiosks = [("Belleville", "ar", ["أمينة", "يوسف", "مريم"]), ("Montreuil", "ti", ["ሰላም", "ዮናስ"]),
                      ("Saint-Denis", "zh", ["小明", "美玲", "志强", "秀英"])]
        var data: [KioskData] = []
        var roles: [String] = []
        for (index, kiosk) in kiosks.enumerated() {
            let kioskData = try KioskData()
            try kioskData.walk(module, names: kiosk.2, language: kiosk.1, seed: index)
            data.append(kioskData)
            roles.append(try database.role())
        }
        defer { data.forEach { $0.remove() } }

        // Three pushes at the same time, each with its own role, in small batches.
        try await withThrowingTaskGroup(of: KioskSync.Outcome.self) { group in
            for index in kiosks.indices {
                let (store, address, site) = (data[index].store, try database.address(roles[index]), kiosks[index].0)
                group.addTask { try await KioskSync.push(store, to: address, site: site, batchSize: 7, clock: Self.clock) }
            }
            for try await outcome in group { #expect(outcome.batches > 1) }
        }

        for (server, local) in [("participant", "participant"), ("attempt", "attempt"), ("module_progress", "moduleProgress"),
                                ("quiz_session", "quizSession"), ("quiz_question", "quizQuestion"), ("quiz_answer", "quizAnswer"), ("quiz_skip", "quizSkip")] {
            #expect(try database.count(server) == data.map { try $0.count(local) }.reduce(0, +), "\(server)")
        }
        // What the coordinator sees: per site exactly the kiosk's own report and export, over all sites the sum.
        let localReports = try data.map { try $0.store.report(for: module) }
        let localRows = try data.map { try $0.store.exportRows() }
        let (perSite, all, sites) = try await ServerConnection.with(try database.address(try database.role("atelier_coordinator"))) {
            coordinator throws(SyncError) in
            var perSite: [(ProgressReport, [ExportRow])] = []
            for kiosk in kiosks {
                perSite.append((try await ServerReports.report(for: module, site: kiosk.0, coordinator),
                                try await ServerReports.exportRows(site: kiosk.0, coordinator)))
            }
            return (perSite, try await ServerReports.report(for: module, site: nil, coordinator), try await ServerReports.sites(coordinator))
        }
        for (index, kiosk) in kiosks.enumerated() {
            #expect(perSite[index].0 == localReports[index])
            let serverRows = perSite[index].1
            let expected = localRows[index].map { row in
                var row = row
                row.site = kiosk.0
                return row
            }
            #expect(serverRows.sorted { "\($0)" < "\($1)" } == expected.sorted { "\($0)" < "\($1)" })
        }
        #expect(all.withoutMissedChoices == ProgressReport.sum(localReports))
        // Montreuil's facilitator skipped a question (the walk with seed 1): its answers reach the server marked
        // skipped, and count for nobody there as on the kiosk.
        #expect(try database.count("quiz_skip") == 1)
        #expect(perSite[1].1.contains(where: \.skipped) && !perSite[0].1.contains(where: \.skipped))
        #expect(all.questions.contains { !$0.missedChoices.isEmpty })
        #expect(sites == kiosks.map(\.0).sorted())

        // A kiosk's role sees only its own rows.
        #expect(try database.asRole(roles[1], "SELECT COUNT(*) FROM atelier.participant") == "\(kiosks[1].2.count)")
        #expect(try database.asRole(roles[1], "SELECT COUNT(*) FROM atelier.kiosk") == "1")

        // The same from the command line, as a coordinator runs it.
        let coordinatorURL = database.postgres.url(user: try database.role("atelier_coordinator"), database: database.name)
        let report = try runAtelier(["progress", "report", module.id, "--from", coordinatorURL])
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.hasPrefix("all sites (3)\n\(module.id): 9 started, 5 completed"))
        for kiosk in kiosks { #expect(report.output.contains("\nsite \(kiosk.0)\n")) }
        let export = try runAtelier(["progress", "export", "--from", coordinatorURL, "--site", "Montreuil"])
        #expect(export.status == 0, "\(export.error)")
        #expect(export.output.hasPrefix("\u{FEFF}source,pseudonym,module,step,response,correct,attempt,hint_used,milliseconds,language,review,at,skipped,site\r\n"))
        #expect(export.output.contains("ሰላም") && !export.output.contains("小明"))
    }

    @Test func aPushKilledHalfWayAndRunAgainGivesTheSameServer() async throws {
        let database = try await ServerDatabase()
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        let participant = try kiosk.walk(try lessonModule(), names: ["Lalit"], language: "ta", seed: 0, quiz: false)[0]
        try kiosk.store.bulkInsertForBenchmark(participant: participant.id, count: 20_000, at: kiosk.time(0))
        let role = try database.role()
        let url = database.postgres.url(user: role, database: database.name)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: atelierBinary)
        process.arguments = ["sync", "--to", url, "--data", kiosk.path, "--batch", "100", "--site", "Bondy"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        try database.waitForFirstBatch()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let through = Int(try database.scalar("SELECT synced_through FROM atelier.kiosk")) ?? -1
        let total = try kiosk.count("attempt")
        let onServer = try database.count("attempt")
        #expect(through > 0 && onServer > 0 && onServer < total, "killed after \(onServer) of \(total) attempts")
        // The server holds whole batches: exactly the rows up to the change number it acknowledged.
        #expect(onServer == (try kiosk.count("attempt", "changeSeq <= \(through)")))

        let again = try runAtelier(["sync", "--to", url, "--data", kiosk.path, "--batch", "500", "--site", "Bondy"])
        #expect(again.status == 0, "\(again.error)")
        #expect(try database.scalar("SELECT string_agg(uid, ',' ORDER BY uid COLLATE \"C\") FROM atelier.attempt")
                == (try kiosk.strings("SELECT uid FROM attempt ORDER BY uid")).joined(separator: ","))
        #expect(try database.count("module_progress") == 1)
        #expect(try kiosk.store.syncStatus().pending == 0)
    }

    @Test func theServerStoppedMidPushThenBackLosesNothing() async throws {
        let database = try await ServerDatabase()
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        let module = try lessonModule()
        let participant = try kiosk.walk(module, names: ["Farid"], language: "prs", seed: 1)[0]
        try kiosk.store.bulkInsertForBenchmark(participant: participant.id, count: 20_000, at: kiosk.time(0))
        let address = try database.address(try database.role())
        let postgres = database.postgres

        let push = Task { try await KioskSync.push(kiosk.store, to: address, site: "Clichy", batchSize: 100, clock: Self.clock) }
        try database.waitForFirstBatch()
        try postgres.stop()
        defer { try? postgres.start() }
        await #expect(throws: SyncError.self) { try await push.value }
        // While the server is away the kiosk records on, and a push says the server cannot be reached.
        try kiosk.walk(module, names: ["Zahra"], language: "prs", seed: 2)
        do {
            _ = try await KioskSync.push(kiosk.store, to: address, site: "Clichy", clock: Self.clock)
            Issue.record("a push with the server down succeeded")
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }
        #expect(try kiosk.store.syncStatus().lastFailure?.contains("cannot reach the server") == true)

        try postgres.start()
        let outcome = try await KioskSync.push(kiosk.store, to: address, site: "Clichy", clock: Self.clock)
        #expect(outcome.rows > 0)
        #expect(try database.count("attempt") == (try kiosk.count("attempt")))
        #expect(try database.count("participant") == 2)
        #expect(try database.count("quiz_answer") == (try kiosk.count("quizAnswer")))
        #expect(try kiosk.store.syncStatus().lastFailure == nil)
    }

    @Test func anEraseOnTheKioskErasesOnTheServerAtTheNextPush() async throws {
        let database = try await ServerDatabase()
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        let module = try lessonModule("french-administration")
        let people = try kiosk.walk(module, names: ["Abebe", "Selam", "Kidane"], language: "ti", seed: 0)
        let address = try database.address(try database.role())
        _ = try await KioskSync.push(kiosk.store, to: address, site: "Paris 18", clock: Self.clock)
        let erased = people[0].id
        let condition = "participant_id = '\(erased)'"
        #expect(try database.count("attempt", condition) > 0)
        #expect(try database.count("quiz_answer", condition) > 0)

        #expect(try kiosk.store.erase(pseudonym: "abebe"))
        #expect(try kiosk.count("erasure") == 1)
        _ = try await KioskSync.push(kiosk.store, to: address, site: "Paris 18", clock: Self.clock)
        for table in ["attempt", "quiz_answer", "module_progress"] { #expect(try database.count(table, condition) == 0, "\(table)") }
        #expect(try database.count("participant", "id = '\(erased)'") == 0)
        #expect(try database.count("participant") == 2)
        #expect(try database.count("attempt") == (try kiosk.count("attempt")))
        // Once the server has it, the kiosk keeps nothing of the erased participant, not even the tombstone.
        #expect(try kiosk.count("erasure") == 0)
    }

    @Test func aKioskRoleWritesOnlyItsOwnRows() async throws {
        let database = try await ServerDatabase()
        let first = try KioskData(), second = try KioskData()
        defer { first.remove(); second.remove() }
        let module = try lessonModule()
        try first.walk(module, names: ["Amina"], language: "ar", seed: 0)
        try second.walk(module, names: ["Wei"], language: "zh", seed: 0)
        let firstRole = try database.role(), secondRole = try database.role()
        _ = try await KioskSync.push(first.store, to: try database.address(firstRole), site: "A", clock: Self.clock)
        _ = try await KioskSync.push(second.store, to: try database.address(secondRole), site: "B", clock: Self.clock)
        let firstKiosk = try first.store.kioskID()

        // Forging a row in another kiosk's name, reading or erasing another kiosk's rows: refused or invisible.
        #expect(throws: LocalPostgres.Failure.self) {
            try database.asRole(secondRole, """
                INSERT INTO atelier.participant (kiosk_id, id, pseudonym, language, created_at, last_seen_at)
                VALUES ('\(firstKiosk)', 'forged', 'x', 'fr', 0, 0)
                """)
        }
        #expect(try database.asRole(secondRole, "SELECT COUNT(*) FROM atelier.attempt WHERE kiosk_id = '\(firstKiosk)'") == "0")
        _ = try database.asRole(secondRole, "DELETE FROM atelier.attempt WHERE kiosk_id = '\(firstKiosk)'")
        #expect(try database.count("attempt", "kiosk_id = '\(firstKiosk)'") == (try first.count("attempt")))

        // A copy of the first kiosk's file pushed under the second role is refused, not merged.
        let secondAddress = try database.address(secondRole)
        #expect(await Self.refusal(first.store, secondAddress) == .kioskTaken(server: secondAddress.description, kiosk: firstKiosk))
        // One role per kiosk: the first role cannot also push another file.
        let thirdFile = try KioskData()
        defer { thirdFile.remove() }
        let firstAddress = try database.address(firstRole)
        #expect(await Self.refusal(thirdFile.store, firstAddress) == .roleTaken(server: firstAddress.description, role: firstRole))
        // A coordinator reads and writes nothing of its own.
        let coordinator = try database.role("atelier_coordinator")
        #expect(throws: LocalPostgres.Failure.self) { try database.asRole(coordinator, "DELETE FROM atelier.attempt") }
    }

    @Test func theServerSchemaIsMigratedOnceAndChecked() async throws {
        let database = try await ServerDatabase(migrate: false)
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        try kiosk.walk(try lessonModule(), names: ["Ana"], language: "fr", seed: 0)
        let owner = try database.owner
        #expect(await Self.refusal(kiosk.store, owner) == .schemaTooOld(server: owner.description, found: 0, needed: ServerSchema.latestVersion))
        let migrate = try runAtelier(["sync", "migrate", "--to", database.postgres.url(user: "postgres", database: database.name)])
        #expect(migrate.status == 0 && migrate.error.contains("applied migrations 1, 2"), "\(migrate.error)")
        let again = try runAtelier(["sync", "migrate", "--to", database.postgres.url(user: "postgres", database: database.name)])
        #expect(again.status == 0 && again.error.contains("up to date"), "\(again.error)")
        #expect(try database.scalar("SELECT COUNT(*) FROM atelier.schema_migration") == "\(ServerSchema.latestVersion)")
    }

    @Test func theKioskLoopPushesInTheBackground() async throws {
        let database = try await ServerDatabase()
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        let module = try lessonModule()
        let loop = SyncLoop(store: kiosk.store, address: try database.address(try database.role()), site: "Évry", every: 0.2,
                            clock: Self.clock)
        defer { loop.stop() }
        try kiosk.walk(module, names: ["Kofi", "Awa"], language: "fr", seed: 0)
        let expected = try kiosk.count("attempt")
        // Waits for the loop's rounds, not for a clock: a round that pushed everything ends the wait.
        var onServer = 0
        for await round in loop.rounds {
            if case .failed(let error) = round { Issue.record("a round failed: \(error)"); break }
            onServer = try database.count("attempt")
            if onServer == expected { break }
        }
        #expect(onServer == expected)
        #expect(try database.scalar("SELECT site FROM atelier.kiosk") == "Évry")
    }

    /// A server down for a week must not fill the kiosk's log: a failure is logged when it starts or changes,
    /// the recovery once, and the server's message (which can quote a value) never.
    @Test func theLoopLogsAFailureOnceNotAtEveryRound() async throws {
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        // The kiosk's own log file, as `atelier kiosk --sync-every` gives it to the loop.
        let logPath = URL(fileURLWithPath: kiosk.path).deletingLastPathComponent().appendingPathComponent("atelier-kiosk.log").path
        let log = LogFile(path: logPath)
        let address = try PostgresAddress("postgres://kiosk@127.0.0.1:1/atelier?sslmode=disable")
        let loop = SyncLoop(store: kiosk.store, address: address, site: "Évry", every: 0.001, clock: Self.clock,
                            logger: log.logger("atelier.kiosk.sync"))
        var failures = 0
        for await round in loop.rounds {
            guard case .failed = round else { Issue.record("pushed to a closed port"); break }
            failures += 1
            if failures == 4 { break }
        }
        loop.stop()
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains(" warning [atelier.kiosk.sync] sync failed: postgres://kiosk@127.0.0.1:1/atelier") == true, "\(lines)")
    }

    @Test func aServerRefusalIsLoggedByItsCodeNotItsMessage() {
        let error = SyncError.server(server: "postgres://k@h/db", reason: "Key (pseudonym)=(Awa) already exists", state: .uniqueViolation)
        #expect(error.logSummary == "postgres://k@h/db: the server refused (SQLSTATE 23505)")
        #expect(error.description.contains("Awa"))  // shown to the person who ran `atelier sync`, never logged
    }

    @Test func anUnreachableServerIsAnErrorNotACrash() throws {
        let kiosk = try KioskData()
        defer { kiosk.remove() }
        let result = try runAtelier(["sync", "--to", "postgres://kiosk@127.0.0.1:1/atelier?sslmode=disable", "--data", kiosk.path])
        #expect(result.status == 3)
        #expect(result.error.hasPrefix("atelier sync: postgres://kiosk@127.0.0.1:1/atelier?sslmode=disable: cannot reach the server"))
        let status = try runAtelier(["sync", "status", "--data", kiosk.path])
        #expect(status.output.contains("last failure: postgres://kiosk@127.0.0.1:1/atelier"))
        let bad = try runAtelier(["sync", "--to", "http://x", "--data", kiosk.path])
        #expect(bad.status == 64 && bad.error.contains("bad server address"))
        // The kiosk checks its sync options before it needs a terminal.
        let kioskWithout = try runAtelier(["kiosk", "--data", kiosk.path, "--sync-every", "60"])
        #expect(kioskWithout.status == 64 && kioskWithout.error.contains("--sync-every needs --sync-to"))
        let kioskTooOften = try runAtelier(["kiosk", "--data", kiosk.path, "--sync-every", "0.1", "--sync-to", "postgres://k@h/db"])
        #expect(kioskTooOften.status == 64 && kioskTooOften.error.contains("at least 1 second"))
        let kioskWithoutRhythm = try runAtelier(["kiosk", "--data", kiosk.path, "--sync-to", "postgres://k@h/db"])
        #expect(kioskWithoutRhythm.status == 64 && kioskWithoutRhythm.error.contains("--sync-to needs --sync-every"))
    }
}
