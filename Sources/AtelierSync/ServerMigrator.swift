import PostgresNIO

/// Brings the server's schema up to date, each migration in its own transaction, under an advisory lock so that
/// two coordinators running it at once do not race.
public enum ServerMigrator {
    /// Returns the versions applied now (empty when the schema was up to date).
    public static func migrate(_ server: ServerConnection) async throws(SyncError) -> [Int] {
        try await server.execute(statements: [
            "SELECT pg_advisory_lock(7302811)",
            "CREATE SCHEMA IF NOT EXISTS atelier",
            """
            CREATE TABLE IF NOT EXISTS atelier.schema_migration (
                version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """,
        ])
        var applied: [Int] = []
        do throws(SyncError) {
            let current = try await version(server)
            if current > ServerSchema.latestVersion {
                throw SyncError.schemaTooNew(server: server.address.description, found: current, known: ServerSchema.latestVersion)
            }
            for migration in ServerSchema.migrations where migration.version > current {
                try await server.execute(statements: ["BEGIN"] + migration.statements + [
                    "INSERT INTO atelier.schema_migration (version, name) VALUES (\(migration.version), '\(migration.name)')",
                    "COMMIT",
                ])
                applied.append(migration.version)
            }
        } catch {
            // The first error is the one reported; closing the session also rolls back and frees the lock.
            try? await server.execute(statements: ["ROLLBACK", "SELECT pg_advisory_unlock(7302811)"])
            throw error
        }
        try await server.execute(statements: ["SELECT pg_advisory_unlock(7302811)"])
        return applied
    }

    /// The server's schema version; 0 when Atelier's tables are not there.
    public static func version(_ server: ServerConnection) async throws(SyncError) -> Int {
        let exists = try await server.query("SELECT to_regclass('atelier.schema_migration') IS NOT NULL")
        // A value that does not decode is an error, not "version 0": that would read as a schema too old, and
        // `migrate` would run every migration again.
        let unexpected = SyncError.server(server: server.address.description, reason: "unexpected answer about the schema version")
        guard let row = exists.first, let present = try? row.decode(Bool.self) else { throw unexpected }
        guard present else { return 0 }
        let rows = try await server.query("SELECT COALESCE(MAX(version), 0)::bigint FROM atelier.schema_migration")
        guard let versionRow = rows.first, let version = try? versionRow.decode(Int64.self) else { throw unexpected }
        return Int(version)
    }

    static func requireCurrent(_ server: ServerConnection) async throws(SyncError) {
        let found = try await version(server)
        if found < ServerSchema.latestVersion {
            throw .schemaTooOld(server: server.address.description, found: found, needed: ServerSchema.latestVersion)
        }
        if found > ServerSchema.latestVersion {
            throw .schemaTooNew(server: server.address.description, found: found, known: ServerSchema.latestVersion)
        }
    }
}
