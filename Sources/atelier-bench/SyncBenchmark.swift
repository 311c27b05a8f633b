import AtelierEngine
import AtelierStore
import AtelierSync
import Foundation
import PostgresHarness

/// Several sites: one kiosk's attempts pushed to PostgreSQL (Debian's server, a cluster of its own on
/// 127.0.0.1, fsync on), against a bare COPY of the same rows into the same table, which is the floor any
/// sync over the wire stands on.
enum SyncBenchmark {
    static func run(attempts: Int, runs: Int, scratch: String) async throws -> [Figure] {
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench sync)"
        let postgres = try LocalPostgres(fsync: true)
        try postgres.start()
        defer { try? postgres.stop() }
        let store = try ProgressStore(path: scratch + "/sync.sqlite")
        let now = Instant(milliseconds: 1_764_000_000_000)
        guard case .success(let participant) = try store.createParticipant(pseudonym: "Sync ሰላም", pin: nil, language: "ti", at: now) else {
            throw Stopwatch.SpawnError(description: "cannot create the sync participant")
        }
        try store.bulkInsertForBenchmark(participant: participant.id, count: attempts, at: now)
        let kiosk = try store.kioskID()
        let attemptTable = SyncSchema.tables.first { $0.server == "attempt" }!
        let rows = try store.changes(after: 0, limit: attempts + 10).tables.first { $0.table.server == "attempt" }!.rows
        var copyText: [UInt8] = []
        CopyText.encode(rows.map { [.text(kiosk)] + $0 }, types: [.text] + attemptTable.columns.map(\.type), into: &copyText)

        var syncSeconds: [Double] = []
        var copySeconds: [Double] = []
        for run in 0..<runs {
            let database = "bench_\(run)"
            try postgres.psql("DROP DATABASE IF EXISTS \(database)")
            try postgres.psql("CREATE DATABASE \(database)")
            let owner = try PostgresAddress(postgres.url(user: "postgres", database: database))
            _ = try await ServerConnection.with(owner) { server throws(SyncError) in try await ServerMigrator.migrate(server) }
            let role = "bench_kiosk_\(run)_\(getpid())"
            try postgres.psql("DROP ROLE IF EXISTS \(role); CREATE ROLE \(role) LOGIN IN ROLE atelier_kiosk")
            // Each run pushes to a new database, which has seen nothing of this kiosk: the whole file goes.
            let address = try PostgresAddress(postgres.url(user: role, database: database))
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = try await KioskSync.push(store, to: address, site: "bench", batchSize: 2000, clock: { now })
            syncSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            guard outcome.rows >= attempts else { throw Stopwatch.SpawnError(description: "pushed \(outcome.rows) of \(attempts)") }

            let bytes = copyText
            let columns = ["kiosk_id"] + attemptTable.columns.map(\.server)
            copySeconds.append(try await ServerConnection.with(owner) { server throws(SyncError) in
                try await server.execute(statements: ["TRUNCATE atelier.attempt"])
                let start = DispatchTime.now().uptimeNanoseconds
                try await server.copy(into: "attempt", columns: columns, bytes: bytes)
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            })
            try postgres.psql("DROP DATABASE \(database)")
        }
        let perSecond = syncSeconds.map { Double(attempts) / $0 }
        let copyPerSecond = copySeconds.map { Double(attempts) / $0 }
        return [
            Figure(name: "sync: \(attempts / 1000)k attempts pushed to PostgreSQL", unit: "records/s", samples: perSecond,
                   goal: .atLeast(10_000), reproduce: command),
            Figure(name: "bare COPY of the same rows", unit: "records/s", samples: copyPerSecond, goal: nil, reproduce: command),
            Figure(name: "sync time / bare COPY time (ratio)", unit: "x", samples: [medianOf(syncSeconds) / max(medianOf(copySeconds), 1e-9)],
                   goal: nil, reproduce: command),
        ]
    }
}
