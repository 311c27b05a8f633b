import AtelierStore
import AtelierSync
import Foundation
import Testing

/// The server's schema, as `pg_dump --schema-only` prints it after every migration, equals a golden file:
/// a shipped migration must never change (coordinators' servers were migrated with it), so an edit to one
/// shows here. Recorded with Debian 12's PostgreSQL 15; after a deliberate new migration,
/// `ATELIER_RECORD_GOLDEN=1 swift test --filter theMigratedServerHasTheGoldenSchema` rewrites it (refused in CI).
///
/// In SyncTests' serialized suite: migrations of two databases at once race to create the cluster-wide roles.
extension SyncTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/server-schema.sql")

    @Test func theMigratedServerHasTheGoldenSchema() async throws {
        let database = try await ServerDatabase()
        let schema = try database.postgres.schemaDump(database: database.name)
        if ProcessInfo.processInfo.environment["ATELIER_RECORD_GOLDEN"] == "1" {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "golden files are never recorded in CI")
            try schema.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try? String(contentsOf: Self.golden, encoding: .utf8)
        #expect(expected != nil, "no golden schema \(Self.golden.path): record it with ATELIER_RECORD_GOLDEN=1")
        #expect(schema == expected, "the server's schema changed: a shipped migration was edited?")
        #expect(schema.contains("CREATE TABLE atelier.attempt") && schema.contains("ROW LEVEL SECURITY"))
    }

    /// Each server migration is literal SQL: no statement is built from today's Swift types.
    @Test func serverMigrationsAreLiteralSQL() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AtelierSync/ServerSchema.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        #expect(!text.contains("SyncSchema"), "ServerSchema.swift builds SQL from SyncSchema")
        #expect(!text.contains("for table in"), "ServerSchema.swift builds SQL in a loop")
    }
}

extension SyncTests {
    /// What the kiosk pushes (SyncSchema, today's Swift) must fit what the frozen migrations made: a column
    /// added on the kiosk's side without a server migration would fail at the first push, on a site.
    @Test func everyColumnThePushSendsExistsOnTheServerWithItsType() throws {
        let schema = try String(contentsOf: Self.golden, encoding: .utf8)
        for table in SyncSchema.tables {
            let start = try #require(schema.range(of: "CREATE TABLE atelier.\(table.server) (\n"), "no table \(table.server)")
            let body = schema[start.upperBound...].prefix { $0 != ")" }
            let columns = Set(body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: [","]) })
            for column in table.columns {
                let expected = "\(column.server) \(column.type.postgres)" + (column.nullable ? "" : " NOT NULL")
                #expect(columns.contains(expected), "atelier.\(table.server) has no '\(expected)'")
            }
            #expect(columns.contains("kiosk_id text NOT NULL"))
        }
    }
}
