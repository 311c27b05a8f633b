import AtelierStore
import Foundation

/// The server's tables, as numbered migrations applied in order by `atelier sync migrate` (run by the
/// database's owner). Never edit a migration that has shipped: add one.
///
/// Kiosks log in each with a role of their own, member of `atelier_kiosk`; row-level security lets a kiosk
/// role see, insert, update and delete only the rows of the kiosk it registered, so no kiosk reads another's
/// participants. Coordinators (`atelier_coordinator`) read everything and write nothing.
public enum ServerSchema {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        /// Statements, run one by one in one transaction (the extended protocol takes one statement at a time).
        public let statements: [String]
    }

    public static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "kiosks-records-roles", statements: version1),
    ]

    static let ownKiosk = "(SELECT id FROM atelier.kiosk WHERE role_name = current_user)"

    static var version1: [String] {
        var sql = """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atelier_kiosk') THEN CREATE ROLE atelier_kiosk NOLOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atelier_coordinator') THEN CREATE ROLE atelier_coordinator NOLOGIN; END IF;
            END $$;
            GRANT USAGE ON SCHEMA atelier TO atelier_kiosk, atelier_coordinator;
            GRANT SELECT ON atelier.schema_migration TO atelier_kiosk, atelier_coordinator;
            CREATE TABLE atelier.kiosk (
                id text PRIMARY KEY,
                role_name name NOT NULL UNIQUE DEFAULT current_user,
                site text NOT NULL,
                synced_through bigint NOT NULL DEFAULT 0,
                first_sync_at timestamptz NOT NULL DEFAULT now(),
                last_sync_at timestamptz NOT NULL DEFAULT now()
            );
            ALTER TABLE atelier.kiosk ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_self ON atelier.kiosk TO atelier_kiosk
                USING (role_name = current_user) WITH CHECK (role_name = current_user);
            CREATE POLICY coordinator_reads ON atelier.kiosk FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT ON atelier.kiosk TO atelier_kiosk;
            GRANT UPDATE (site, synced_through, last_sync_at) ON atelier.kiosk TO atelier_kiosk;
            GRANT SELECT ON atelier.kiosk TO atelier_coordinator;

            """
        for table in SyncSchema.tables {
            let columns = table.columns.map { "    \($0.server) \($0.type.postgres)\($0.nullable ? "" : " NOT NULL")" }
            sql += """
                CREATE TABLE atelier.\(table.server) (
                    kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                \(columns.joined(separator: ",\n")),
                    PRIMARY KEY (\(table.key.joined(separator: ", ")))
                );
                ALTER TABLE atelier.\(table.server) ENABLE ROW LEVEL SECURITY;
                CREATE POLICY kiosk_own_rows ON atelier.\(table.server) TO atelier_kiosk
                    USING (kiosk_id = \(ownKiosk)) WITH CHECK (kiosk_id = \(ownKiosk));
                CREATE POLICY coordinator_reads ON atelier.\(table.server) FOR SELECT TO atelier_coordinator USING (true);
                GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.\(table.server) TO atelier_kiosk;
                GRANT SELECT ON atelier.\(table.server) TO atelier_coordinator;
                CREATE INDEX ON atelier.\(table.server) (kiosk_id);

                """
        }
        sql += """
            CREATE INDEX ON atelier.attempt (module_id, step_id);
            CREATE INDEX ON atelier.attempt (participant_id);
            CREATE INDEX ON atelier.quiz_answer (step_id);
            CREATE INDEX ON atelier.quiz_answer (participant_id);
            CREATE INDEX ON atelier.module_progress (module_id);
            """
        return statements(sql)
    }

    /// A script cut at the semicolons that end a line, outside `$$` blocks.
    static func statements(_ script: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inBlock = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBlock.toggle() }
            if !inBlock && line.hasSuffix(";") {
                result.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { result.append(rest) }
        return result
    }
}
