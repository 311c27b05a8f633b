import AtelierEngine
import AtelierStore
import PostgresNIO

/// Pushes what the server has not seen of one kiosk's data file.
///
/// The server keeps, per kiosk, the last change number it committed (`kiosk.synced_through`). Each batch is
/// one server transaction that locks that row, reads the kiosk's changes after it, upserts them (COPY into a
/// temporary table, then `INSERT … ON CONFLICT`), deletes erased participants, and moves the number on. A push
/// cut at any point leaves the server at the end of a whole batch, and pushing again starts from there: the
/// result is the same as one uninterrupted push.
public enum KioskSync {
    public struct Outcome: Sendable, Equatable {
        public var rows: Int
        public var batches: Int
        public var through: Int64
    }

    public static func push(_ store: ProgressStore, to address: PostgresAddress, site: String, batchSize: Int = 2000,
                            clock: @Sendable () -> Instant) async throws(SyncError) -> Outcome {
        do throws(SyncError) {
            return try await ServerConnection.with(address) { server throws(SyncError) in
                try await push(store, server: server, site: site, batchSize: batchSize, clock: clock)
            }
        } catch {
            // Kept for `atelier sync status`; when even the data file fails, the caller still gets the push's
            // error (the kiosk's loop logs it), which is the one that matters.
            try? store.noteSyncFailure(error.description)
            throw error
        }
    }

    static func push(_ store: ProgressStore, server: ServerConnection, site: String, batchSize: Int,
                     clock: @Sendable () -> Instant) async throws(SyncError) -> Outcome {
        try await ServerMigrator.requireCurrent(server)
        let kiosk = try local { () throws(StoreError) in try store.kioskID() }
        try await register(kiosk: kiosk, site: site, server: server)
        try await pullErasures(store, server: server)
        for table in SyncSchema.tables {
            try await server.query(PostgresQuery(unsafeSQL: """
                CREATE TEMP TABLE IF NOT EXISTS in_\(table.server) ON COMMIT DELETE ROWS AS
                SELECT \(table.columns.map(\.server).joined(separator: ", ")) FROM atelier.\(table.server) WITH NO DATA
                """))
        }
        var outcome = Outcome(rows: 0, batches: 0, through: 0)
        while true {
            try await server.query("BEGIN")
            do throws(SyncError) {
                let rows = try await server.query("SELECT synced_through FROM atelier.kiosk WHERE id = \(kiosk) FOR UPDATE")
                // register() made the row: a missing row or a value that is not a number is the server's fault,
                // and pushing everything again at every round would hide it.
                guard let row = rows.first, let synced = try? row.decode(Int64.self) else {
                    throw SyncError.server(server: server.address.description, reason: "the kiosk's row has no synced_through number")
                }
                var after = synced
                let latest = try local { () throws(StoreError) in try store.latestChange() }
                // The server has seen more than this file holds: the file was restored from an older copy.
                // Everything is pushed again (upserts make that harmless).
                if after > latest { after = 0 }
                let batch = try local { () throws(StoreError) in try store.changes(after: after, limit: batchSize) }
                if batch.isEmpty {
                    try await server.query("COMMIT")
                    try local { () throws(StoreError) in try store.acknowledgeSync(through: after, at: clock()) }
                    outcome.through = after
                    return outcome
                }
                try await apply(batch, kiosk: kiosk, server: server)
                try await server.query("UPDATE atelier.kiosk SET synced_through = \(batch.through), last_sync_at = now() WHERE id = \(kiosk)")
                try await server.query("COMMIT")
                try local { () throws(StoreError) in try store.acknowledgeSync(through: batch.through, at: clock()) }
                outcome.rows += batch.rowCount
                outcome.batches += 1
                outcome.through = batch.through
            } catch {
                _ = try? await server.query("ROLLBACK")
                throw error
            }
        }
    }

    /// The kiosk's row on the server, created by its first sync and bound to the role that made it.
    static func register(kiosk: String, site: String, server: ServerConnection) async throws(SyncError) {
        do throws(SyncError) {
            try await server.query("""
                INSERT INTO atelier.kiosk (id, site) VALUES (\(kiosk), \(site))
                ON CONFLICT (id) DO UPDATE SET site = EXCLUDED.site, last_sync_at = now()
                """)
        } catch {
            // Row-level security refuses the update when another role registered this id; the unique role
            // name refuses a second data file from the same role. Told apart by SQLSTATE and constraint name.
            if case .server(_, _, .insufficientPrivilege?, _) = error {
                throw .kioskTaken(server: server.address.description, kiosk: kiosk)
            }
            if case .server(_, _, .uniqueViolation?, "kiosk_role_name_key"?) = error {
                throw .roleTaken(server: server.address.description, role: server.address.user)
            }
            throw error
        }
    }

    static func apply(_ batch: SyncBatch, kiosk: String, server: ServerConnection) async throws(SyncError) {
        for part in batch.tables where !part.rows.isEmpty {
            let table = part.table
            var bytes: [UInt8] = []
            bytes.reserveCapacity(part.rows.count * 128)
            CopyText.encode(part.rows, types: table.columns.map(\.type), into: &bytes)
            let columns = table.columns.map(\.server)
            try await server.copy(into: "in_\(table.server)", columns: columns, bytes: bytes)
            let updates = columns.filter { !table.key.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
            let conflict = table.appendOnly ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")
            // A participant erased at any site is never brought back by a kiosk that had not heard of it yet.
            let person = table.server == "participant" ? "id" : columns.contains("participant_id") ? "participant_id" : nil
            let living = person.map { " WHERE NOT EXISTS (SELECT 1 FROM atelier.erasure e WHERE e.participant_id = in_\(table.server).\($0))" } ?? ""
            var query = PostgresQuery(unsafeSQL: """
                INSERT INTO atelier.\(table.server) (kiosk_id, \(columns.joined(separator: ", ")))
                SELECT $1, \(columns.joined(separator: ", ")) FROM in_\(table.server)\(living)
                ON CONFLICT (\(table.key.joined(separator: ", "))) \(conflict)
                """)
            query.binds.append(kiosk)
            try await server.query(query)
        }
        guard !batch.erasures.isEmpty else { return }
        // Every row of these participants, whichever kiosk pushed it, and a tombstone that every other kiosk
        // applies at its next sync (server schema 3).
        var query = PostgresQuery(unsafeSQL: "SELECT atelier.erase_participants($1)")
        query.binds.append(batch.erasures)
        try await server.query(query)
    }

    /// Erasures made at other sites since this kiosk last looked: applied to the data file before anything is
    /// pushed, so that this kiosk never pushes rows of someone erased elsewhere (the server would skip them).
    static func pullErasures(_ store: ProgressStore, server: ServerConnection) async throws(SyncError) {
        let after = try local { () throws(StoreError) in try store.erasuresApplied() }
        var query = PostgresQuery(unsafeSQL: "SELECT seq, participant_id FROM atelier.erasure WHERE seq > $1 ORDER BY seq")
        query.binds.append(after)
        var ids: [String] = []
        var through = after
        for row in try await server.query(query) {
            let (seq, id) = try ServerReports.decode(row, (Int64, String).self, server)
            ids.append(id)
            through = max(through, seq)
        }
        guard through > after else { return }
        _ = try local { () throws(StoreError) in try store.applyErasures(ids) }
        try local { () throws(StoreError) in try store.noteErasuresApplied(through: through) }
    }

    /// A store call inside the sync, its failure told as the sync's.
    static func local<T>(_ body: () throws(StoreError) -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch {
            throw .local(reason: error.description)
        }
    }
}
